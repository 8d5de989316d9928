package dev.likeness.identity.likeness;

import java.time.OffsetDateTime;
import java.util.UUID;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

@Schema(name = "Likeness")
public record LikenessView(UUID id, @Schema(description = "Keycloak subject of the owner") String ownerId,
                           Likeness.Status status, @Schema(example = "built-in/container") String method,
                           OffsetDateTime verifiedAt) {

    public static LikenessView of(Likeness likeness) {
        return new LikenessView(likeness.id, likeness.ownerId, likeness.status, likeness.method, likeness.verifiedAt);
    }
}
