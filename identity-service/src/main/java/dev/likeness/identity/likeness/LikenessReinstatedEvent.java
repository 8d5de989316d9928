package dev.likeness.identity.likeness;

import java.time.OffsetDateTime;
import java.util.UUID;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;

import dev.likeness.kit.outbox.DomainEvent;

/** Trust and safety lifted a likeness' suspension: it is verified again. */
public record LikenessReinstatedEvent(@NotNull UUID likenessId, @NotBlank String ownerId, @NotNull OffsetDateTime reinstatedAt)
        implements DomainEvent {

    public static final String TYPE = "dev.likeness.identity.likeness.reinstated.v1";

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
