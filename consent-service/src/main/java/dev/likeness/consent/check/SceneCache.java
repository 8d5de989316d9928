package dev.likeness.consent.check;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;

import dev.likeness.consent.grant.Grant;
import dev.likeness.consent.likeness.Likeness;
import dev.likeness.kit.database.ChannelListener;
import dev.likeness.kit.database.DedicatedConnections;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;

/**
 * What a check reads of a likeness for one requester (the likeness, the requester's grants on it,
 * whether blocked), kept per instance so that a repeated check does not read the database.
 *
 * <p>Freshness: every change to a likeness, grant or block row NOTIFYs {@code consent_scene} with
 * the likeness id when it commits (migration V7); each instance LISTENs and forgets that likeness,
 * and forgets what it changed itself before answering the change ({@link ChangedScenes}). A read
 * that was loading while its likeness changed is never served (generations). While the listener is
 * down nothing is served from here, and everything is forgotten when it is back. A check naming an
 * {@code atLeastRevision} newer than the cached one reads the database. Follows (with the pairs'
 * unfollow counts) and protected names are not kept. Another instance's change thus reaches a check within the notification's delay; a
 * consent token from a check that was that late still fails at draft registration, which reads
 * under lock.
 */
@ApplicationScoped
public class SceneCache {

    /** One likeness as a requester sees it; shared between checks, so never modified. */
    public record Known(Likeness likeness, List<Grant> grants, boolean blocked) {
    }

    private record Key(UUID likenessId, String requesterId) {
    }

    private record Entry(long generation, Known known) {
    }

    private static final String CHANNEL = "consent_scene";

    private final boolean enabled;
    private final DedicatedConnections connections;
    private final AtomicLong clock = new AtomicLong();
    /** Per likeness, the generation current entries must carry; a change moves it on. */
    private final Cache<UUID, Long> generations;
    private final Cache<Key, Entry> entries;
    private final Counter hits;
    private final Counter misses;
    private volatile ChannelListener listener;

    SceneCache(MeterRegistry metrics, CheckCacheConfig config, DedicatedConnections connections) {
        long maxEntries = config.maxEntries();
        this.enabled = maxEntries > 0;
        this.connections = connections;
        this.generations = Caffeine.newBuilder().maximumSize(Math.max(maxEntries, 1)).build();
        this.entries = Caffeine.newBuilder().maximumSize(Math.max(maxEntries, 1)).expireAfterWrite(config.ttl()).build();
        this.hits = Counter.builder("likeness.check.cache").tag("result", "hit")
                .description("Likenesses a check found in the cache").register(metrics);
        this.misses = Counter.builder("likeness.check.cache").tag("result", "miss")
                .description("Likenesses a check read from the database").register(metrics);
        Gauge.builder("likeness.check.cache.listening", this, cache -> cache.listening() ? 1 : 0)
                .description("1 while the cache hears of every change, 0 while it serves nothing").register(metrics);
    }

    void onStart(@Observes StartupEvent event) {
        if (enabled) {
            // changes made while nobody listened went unheard
            listener = connections.listen(CHANNEL, this::changed, this::forgetAll);
        }
    }

    void onStop(@Observes ShutdownEvent event) {
        ChannelListener listening = listener;
        listener = null;
        if (listening != null) {
            listening.stop();
        }
    }

    private boolean listening() {
        ChannelListener listening = listener;
        return listening != null && listening.listening();
    }

    /**
     * Every likeness of the scene as the requester sees it, or null when any of them is not cached
     * (or is older than the revision the check asks for): then the caller reads them all.
     */
    public Map<UUID, Known> all(String requesterId, List<UUID> ids, Map<UUID, Long> atLeast) {
        if (!listening()) {
            return null;
        }
        Map<UUID, Known> found = new HashMap<>();
        for (UUID id : ids) {
            Entry entry = entries.getIfPresent(new Key(id, requesterId));
            Long current = generations.getIfPresent(id);
            Long wanted = atLeast.get(id);
            if (entry == null || current == null || entry.generation() != current
                    || wanted != null && entry.known().likeness().revision < wanted) {
                misses.increment(ids.size());
                return null;
            }
            found.put(id, entry.known());
        }
        hits.increment(ids.size());
        return found;
    }

    /** Taken before a read, so that {@link #keep} drops what changed while it was loading. */
    public long[] generations(List<UUID> ids) {
        long[] taken = new long[ids.size()];
        for (int i = 0; i < taken.length; i++) {
            taken[i] = generations.get(ids.get(i), ignored -> clock.incrementAndGet());
        }
        return taken;
    }

    /** Keeps what a read found, under the generations taken before it; a likeness not found is not kept. */
    public void keep(String requesterId, List<UUID> ids, long[] taken, Map<UUID, Known> read) {
        if (!enabled) {
            return;
        }
        for (int i = 0; i < taken.length; i++) {
            Known known = read.get(ids.get(i));
            if (known != null) {
                entries.put(new Key(ids.get(i), requesterId), new Entry(taken[i], known));
            }
        }
    }

    /** After a change to the likeness: no entry kept before now is served again. */
    public void forget(UUID likenessId) {
        generations.put(likenessId, clock.incrementAndGet());
    }

    public void forgetAll() {
        generations.invalidateAll();
        entries.invalidateAll();
    }

    private void changed(String payload) {
        if (payload.equals("*")) {
            forgetAll();
        } else {
            forget(UUID.fromString(payload));
        }
    }
}
