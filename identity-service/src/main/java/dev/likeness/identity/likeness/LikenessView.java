package dev.likeness.identity.likeness;

import java.time.OffsetDateTime;
import java.util.UUID;

import com.fasterxml.jackson.annotation.JsonInclude;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** A likeness as its owner and trust and safety see it, the suspension's reason included. */
@Schema(name = "Likeness")
@JsonInclude(JsonInclude.Include.NON_NULL)
public record LikenessView(UUID id, @Schema(description = "Keycloak subject of the owner") String ownerId,
                           Likeness.Status status, @Schema(example = "built-in") String method,
                           OffsetDateTime verifiedAt,
                           @Schema(description = "While suspended (and on a likeness deleted while suspended)") OffsetDateTime suspendedAt,
                           @Schema(description = "Why trust and safety suspended it") String suspensionReason,
                           @Schema(description = "Trust and safety only see deleted likenesses") OffsetDateTime deletedAt) {

    public static LikenessView of(Likeness likeness) {
        return new LikenessView(likeness.id, likeness.ownerId, likeness.status, likeness.method, likeness.verifiedAt,
                likeness.suspendedAt, likeness.suspensionReason, likeness.deletedAt);
    }
}
