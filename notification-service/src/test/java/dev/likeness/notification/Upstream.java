package dev.likeness.notification;

import java.time.OffsetDateTime;
import java.util.UUID;

import org.apache.kafka.clients.producer.ProducerRecord;

import dev.likeness.devstack.testing.Events;

/** Events as identity-service and consent-service publish them (deploy/events/schemas). */
final class Upstream {

    static final String IDENTITY_EVENTS = "likeness.identity.events";
    static final String CONSENT_EVENTS = "likeness.consent.events";

    private Upstream() {
    }

    static ProducerRecord<String, String> draftCreated(UUID likeness, String ownerId, String creatorId, UUID draft) {
        return consent(likeness, "dev.likeness.consent.draft.created.v1", draft, """
                {"draftId":"%s","platformDraftId":"render-1","platformId":"likeness-platform-demo","creatorId":"%s",
                 "likenessId":"%s","ownerId":"%s","purpose":"draft","createdAt":"%s"}"""
                .formatted(draft, creatorId, likeness, ownerId, OffsetDateTime.now()));
    }

    static ProducerRecord<String, String> grantCreated(UUID likeness, String ownerId, String granteeId, UUID grant) {
        return consent(likeness, "dev.likeness.consent.grant.created.v1", grant, """
                {"grantId":"%s","likenessId":"%s","ownerId":"%s","granteeId":"%s","purposes":["draft","remix"],
                 "expiresAt":null,"maxUses":null}""".formatted(grant, likeness, ownerId, granteeId));
    }

    static ProducerRecord<String, String> grantRevoked(UUID likeness, String ownerId, String granteeId, UUID grant) {
        return consent(likeness, "dev.likeness.consent.grant.revoked.v1", grant, """
                {"grantId":"%s","likenessId":"%s","ownerId":"%s","granteeId":"%s","revokedAt":"%s","revision":3}"""
                .formatted(grant, likeness, ownerId, granteeId, OffsetDateTime.now()));
    }

    static ProducerRecord<String, String> verified(UUID likeness, String ownerId) {
        return Events.cloudEvent(IDENTITY_EVENTS, likeness.toString(), UUID.randomUUID().toString(),
                "dev.likeness.identity.likeness.verified.v1", "/identity-service", likeness.toString(), """
                        {"likenessId":"%s","ownerId":"%s","verifiedAt":"%s","method":"built-in"}"""
                        .formatted(likeness, ownerId, OffsetDateTime.now()));
    }

    static ProducerRecord<String, String> suspended(UUID likeness, String ownerId, String reason) {
        return identity(likeness, "dev.likeness.identity.likeness.suspended.v1", """
                {"likenessId":"%s","ownerId":"%s","reason":"%s","suspendedAt":"%s"}"""
                .formatted(likeness, ownerId, reason, OffsetDateTime.now()));
    }

    static ProducerRecord<String, String> deleted(UUID likeness, String ownerId) {
        return identity(likeness, "dev.likeness.identity.likeness.deleted.v1", """
                {"likenessId":"%s","ownerId":"%s","deletedAt":"%s"}""".formatted(likeness, ownerId, OffsetDateTime.now()));
    }

    static ProducerRecord<String, String> accessRequested(UUID likeness, String ownerId, String requesterId, UUID request) {
        return consent(likeness, "dev.likeness.consent.access.requested.v1", request, """
                {"requestId":"%s","likenessId":"%s","ownerId":"%s","requesterId":"%s","purposes":["draft"],
                 "message":"for my birthday video","requestedAt":"%s"}"""
                .formatted(request, likeness, ownerId, requesterId, OffsetDateTime.now()));
    }

    /** {@code grant} null: a denial. */
    static ProducerRecord<String, String> accessDecided(UUID likeness, String ownerId, String requesterId, UUID request,
                                                        UUID grant) {
        String type = grant == null ? "dev.likeness.consent.access.denied.v1" : "dev.likeness.consent.access.approved.v1";
        String grantField = grant == null ? "" : "\"grantId\":\"" + grant + "\",";
        return consent(likeness, type, request, """
                {"requestId":"%s","likenessId":"%s","ownerId":"%s","requesterId":"%s",%s"decidedAt":"%s"}"""
                .formatted(request, likeness, ownerId, requesterId, grantField, OffsetDateTime.now()));
    }

    static ProducerRecord<String, String> removalRequested(UUID likeness, String ownerId, String creatorId, String platformId,
                                                           UUID draft) {
        return consent(likeness, "dev.likeness.consent.draft.removal-requested.v1", draft, """
                {"draftId":"%s","platformDraftId":"render-1","platformId":"%s","creatorId":"%s","likenessId":"%s",
                 "ownerId":"%s","reason":"I never agreed to this scene","requestedAt":"%s"}"""
                .formatted(draft, platformId, creatorId, likeness, ownerId, OffsetDateTime.now()));
    }

    /** Keyed by the person, as identity-service publishes it. */
    static ProducerRecord<String, String> personErased(String personId) {
        return Events.cloudEvent(IDENTITY_EVENTS, personId, UUID.randomUUID().toString(), "dev.likeness.identity.person.erased.v1",
                "/identity-service", personId, """
                        {"personId":"%s","erasedAt":"%s"}""".formatted(personId, OffsetDateTime.now()));
    }

    private static ProducerRecord<String, String> identity(UUID likeness, String type, String data) {
        return Events.cloudEvent(IDENTITY_EVENTS, likeness.toString(), UUID.randomUUID().toString(), type, "/identity-service",
                likeness.toString(), data);
    }

    private static ProducerRecord<String, String> consent(UUID likeness, String type, UUID subject, String data) {
        return Events.cloudEvent(CONSENT_EVENTS, likeness.toString(), UUID.randomUUID().toString(), type, "/consent-service",
                subject.toString(), data);
    }
}
