package dev.likeness.identity.erasure;

import java.time.OffsetDateTime;
import java.util.UUID;

import com.fasterxml.jackson.annotation.JsonInclude;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** An erasure's progress: whom it erased is not shown, and not kept once it completed. */
@Schema(name = "Erasure")
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ErasureView(UUID id,
                          @Schema(description = "IN_PROGRESS until the person's account is deleted, the last step") Erasure.Status status,
                          @Schema(description = "When the person's data here was erased") OffsetDateTime requestedAt,
                          @Schema(description = "When their account was deleted: absent while in progress") OffsetDateTime completedAt) {

    static ErasureView of(Erasure erasure) {
        return new ErasureView(erasure.id, erasure.status, erasure.requestedAt, erasure.completedAt);
    }
}
