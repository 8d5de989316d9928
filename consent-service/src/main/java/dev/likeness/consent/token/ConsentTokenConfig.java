package dev.likeness.consent.token;

import java.time.Duration;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

@ConfigMapping(prefix = "likeness.consent-token")
public interface ConsentTokenConfig {

    /** How long a consent token from an allowed check stays usable. */
    @WithDefault("5m")
    Duration ttl();

    /** How long a signing key signs before the next one takes over. */
    @WithDefault("30d")
    Duration keyRotationPeriod();

    /** How often each instance reloads the keys (and rotates a due one). */
    @WithDefault("1m")
    Duration keyRefreshInterval();

    /** The tokens' {@code iss} claim. */
    @WithDefault("urn:likeness:consent-service")
    String issuer();

    /**
     * 32 bytes, base64: the AES-256 key that encrypts the signing keys' private halves in the
     * database (LIKENESS_CONSENT_TOKEN_KEY_ENCRYPTION_KEY). Every instance needs the same one.
     */
    String keyEncryptionKey();
}
