package dev.likeness.notification.webhook;

import java.time.Duration;
import java.util.List;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Webhook delivery knobs (prefix {@code likeness.webhooks}); see the README. */
@ConfigMapping(prefix = "likeness.webhooks")
public interface WebhookConfig {

    /** AES-256 key (base64) encrypting endpoint secrets at rest; the same on every instance. */
    String secretEncryptionKey();

    /** Waits between attempts: the first attempt is immediate, then one retry per entry. */
    @WithDefault("5s,5m,30m,2h,5h,10h,10h")
    List<Duration> retrySchedule();

    /** Each wait is randomised by up to this fraction either way, so retries of many deliveries spread out. */
    @WithDefault("0.2")
    double jitter();

    /** A receiver's Retry-After is honoured up to this long. */
    @WithDefault("1h")
    Duration maxRetryAfter();

    /** How long the previous secret keeps signing after a rotation. */
    @WithDefault("24h")
    Duration previousSecretValidity();

    /** How long an instance waits to look again when nothing was due or it had no room; a finished attempt wakes it sooner. */
    @WithDefault("1s")
    Duration pollInterval();

    /** Deliveries claimed at most per look, within the room {@link #maxInFlight()} leaves. */
    @WithDefault("16")
    int batchSize();

    /** Attempts one instance has under way, from DNS to the recorded answer. */
    @WithDefault("64")
    int maxInFlight();

    /** Attempts one instance has under way to the same endpoint: a slow receiver ties up no more than this. */
    @WithDefault("4")
    int maxInFlightPerEndpoint();

    /**
     * How long a claim on a delivery lasts before another instance may take it (a crashed
     * instance's deliveries are sent after it). Each send first extends its claim to
     * {@code request-timeout} plus this, and only while it is still the claim's owner.
     */
    @WithDefault("30s")
    Duration lease();

    /** A host not resolved in this long fails the attempt (retried on the schedule), or the registration (503). */
    @WithDefault("5s")
    Duration resolveTimeout();

    /** A display name Keycloak has not given in this long is left out of the payload ("Someone"). */
    @WithDefault("5s")
    Duration nameTimeout();

    @WithDefault("5s")
    Duration connectTimeout();

    /** The whole request, response included. */
    @WithDefault("10s")
    Duration requestTimeout();

    /** Endpoints one owner may register: each costs a delivery per notification. */
    @WithDefault("10")
    int maxEndpoints();

    /** Off outside the local profiles: endpoints must use https. */
    @WithDefault("true")
    boolean requireHttps();

    /** Off outside the local profiles: loopback, private, link-local… targets are refused (SSRF guard). */
    @WithDefault("false")
    boolean allowPrivateAddresses();
}
