package dev.likeness.consent.likeness;

import java.time.OffsetDateTime;
import java.util.UUID;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

@Schema(name = "Likeness", description = "A likeness and who may feature it")
public record LikenessView(
        UUID id,
        @Schema(description = "Keycloak subject of the owner") String ownerId,
        Likeness.Status status,
        Audience audience,
        @Schema(description = "Bumped by every change that can narrow consent; consent tokens name it") long revision,
        OffsetDateTime verifiedAt,
        @Schema(description = "Content tags a check may not declare") java.util.Set<ContentTag> forbiddenTags,
        String guidelines) {

    public static LikenessView of(Likeness likeness) {
        return new LikenessView(likeness.id, likeness.ownerId, likeness.status, likeness.audience, likeness.revision,
                likeness.verifiedAt, likeness.forbidden(), likeness.guidelines);
    }
}
