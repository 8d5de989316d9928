package dev.likeness.identity.likeness;

import java.time.OffsetDateTime;
import java.util.UUID;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;

import dev.likeness.kit.outbox.DomainEvent;

/** A likeness passed its liveness check: consent can now be managed for it. */
public record LikenessVerifiedEvent(@NotNull UUID likenessId, @NotBlank String ownerId, @NotNull OffsetDateTime verifiedAt,
                                    @NotBlank String method) implements DomainEvent {

    public static final String TYPE = "dev.likeness.identity.likeness.verified.v1";

    @Override
    public String type() {
        return TYPE;
    }

    @Override
    public String key() {
        return likenessId.toString();
    }

    @Override
    public String subject() {
        return likenessId.toString();
    }
}
