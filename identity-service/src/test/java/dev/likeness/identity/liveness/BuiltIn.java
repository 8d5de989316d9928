package dev.likeness.identity.liveness;

import java.time.Duration;

import dev.likeness.identity.capture.CaptureConfig;
import io.quarkus.runtime.configuration.DurationConverter;
import io.quarkus.runtime.configuration.MemorySize;
import io.quarkus.runtime.configuration.MemorySizeConverter;
import io.smallrye.config.SmallRyeConfig;
import io.smallrye.config.SmallRyeConfigBuilder;

/** The built-in verifier with the service's default configuration, outside Quarkus. */
final class BuiltIn {

    private BuiltIn() {
    }

    static BuiltInVerifier verifier() {
        SmallRyeConfig config = new SmallRyeConfigBuilder()
                .withConverter(Duration.class, 100, new DurationConverter())
                .withConverter(MemorySize.class, 100, new MemorySizeConverter())
                .withMapping(CaptureConfig.class)
                .withMapping(LivenessConfig.class)
                .build();
        BuiltInVerifier verifier = new BuiltInVerifier(config.getConfigMapping(CaptureConfig.class),
                config.getConfigMapping(LivenessConfig.class));
        verifier.warmUp(null);
        return verifier;
    }
}
