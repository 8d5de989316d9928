package dev.likeness.identity.biometric;

import java.time.Duration;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Biometric data protection (service README, "Biometric data"). */
@ConfigMapping(prefix = "likeness.biometrics")
public interface BiometricConfig {

    /** AES-256 key, base64, that wraps every likeness' data key. From the environment in production. */
    String keyEncryptionKey();

    /** How long the raw capture of a verified likeness is kept, encrypted; 0 (the default): not at all. */
    @WithDefault("0s")
    Duration captureRetention();

    /** How often expired captures are purged. */
    @WithDefault("1m")
    Duration purgeInterval();
}
