package dev.likeness.consent.check;

import java.time.Duration;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** The per-instance caches of what consent checks read ({@link SceneCache}) and of the proofs they verified. */
@ConfigMapping(prefix = "likeness.check.cache")
public interface CheckCacheConfig {

    /** Likenesses × requesters kept; 0 turns the cache off (every check reads the database). */
    @WithDefault("100000")
    long maxEntries();

    /** How long an entry is kept at most, even if no change evicts it first. */
    @WithDefault("10m")
    Duration ttl();

    /** Requester proofs kept verified ({@link RequesterProof}), each until it expires; 0 verifies every one. */
    @WithDefault("10000")
    long maxProofs();
}
