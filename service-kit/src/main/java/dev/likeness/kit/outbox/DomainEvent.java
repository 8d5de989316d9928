package dev.likeness.kit.outbox;

/**
 * An event this service publishes. The record's components are the CloudEvent's JSON data;
 * these methods give its envelope.
 */
public interface DomainEvent {

    /** The CloudEvents type, ending in its version, e.g. {@code dev.likeness.consent.grant.revoked.v1}. */
    String type();

    /** The Kafka key: the likeness id, so one likeness' events stay in order. */
    String key();

    /** The CloudEvents subject: the resource the event is about, e.g. a grant id. */
    String subject();
}
