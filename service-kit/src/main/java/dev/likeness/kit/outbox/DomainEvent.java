package dev.likeness.kit.outbox;

import java.util.UUID;

/**
 * An event this service publishes: a record annotated with its {@link EventType}. The record's
 * components are the CloudEvent's JSON data; these methods give its envelope.
 */
public interface DomainEvent {

    /** The likeness the event is about. */
    UUID likenessId();

    /** The CloudEvents type, from the record's {@link EventType}. */
    default String type() {
        return typeOf(getClass());
    }

    /** The Kafka key: by default the likeness id, so one likeness' events stay in order. */
    default String key() {
        return likenessId().toString();
    }

    /** The CloudEvents subject, the resource the event is about: by default the likeness. */
    default String subject() {
        return likenessId().toString();
    }

    static String typeOf(Class<? extends DomainEvent> event) {
        EventType type = event.getAnnotation(EventType.class);
        if (type == null) {
            throw new IllegalStateException(event.getName() + " is not annotated with @EventType");
        }
        return type.value();
    }
}
