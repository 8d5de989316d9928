package dev.likeness.consent.likeness;

import java.util.UUID;

import dev.likeness.kit.outbox.DomainEvent;

/** The owner changed who may feature the likeness. */
public record AudienceChangedEvent(UUID likenessId, String ownerId, Audience previous, Audience audience, long revision)
        implements DomainEvent {

    public static final String TYPE = "dev.likeness.consent.audience.changed.v1";

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
