package dev.likeness.identity.likeness;

import java.time.OffsetDateTime;
import java.util.UUID;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;

import dev.likeness.kit.outbox.DomainEvent;

/** The owner, or trust and safety, deleted a likeness: it can never be used again. */
public record LikenessDeletedEvent(@NotNull UUID likenessId, @NotBlank String ownerId, @NotNull OffsetDateTime deletedAt)
        implements DomainEvent {

    public static final String TYPE = "dev.likeness.identity.likeness.deleted.v1";

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
