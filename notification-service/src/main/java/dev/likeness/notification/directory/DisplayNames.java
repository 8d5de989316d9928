package dev.likeness.notification.directory;

import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import com.github.benmanes.caffeine.cache.AsyncCache;
import com.github.benmanes.caffeine.cache.Caffeine;

/**
 * Names for texts, cached. Never blocks its caller: a miss is looked up in Keycloak on a small
 * pool of its own, and callers of the same name share one lookup, so a burst of texts (many
 * streams, many deliveries) holds no thread while it waits. A failed lookup leaves the name out
 * (the text says "Someone") and is retried next time.
 */
@ApplicationScoped
public class DisplayNames {

    private static final Logger LOG = Logger.getLogger(DisplayNames.class);

    private final Directory directory;
    private final ExecutorService lookups = Executors.newFixedThreadPool(4, task -> {
        Thread thread = new Thread(task, "display-names");
        thread.setDaemon(true);
        return thread;
    });
    private final AsyncCache<String, String> cache;

    DisplayNames(Directory directory, DisplayNamesConfig config) {
        this.directory = directory;
        this.cache = Caffeine.newBuilder().expireAfterWrite(config.expireAfterWrite()).maximumSize(config.maximumSize())
                .executor(lookups).buildAsync();
    }

    public CompletableFuture<Map<String, String>> of(Collection<String> userIds) {
        List<String> ids = userIds.stream().filter(Objects::nonNull).distinct().toList();
        Map<String, CompletableFuture<String>> pending = new HashMap<>();
        ids.forEach(id -> pending.put(id, cache.get(id, (key, executor) ->
                CompletableFuture.supplyAsync(() -> directory.displayName(key), executor))));
        return CompletableFuture.allOf(pending.values().stream()
                        .map(future -> future.exceptionally(failure -> null)).toArray(CompletableFuture[]::new))
                .thenApply(done -> {
                    Map<String, String> names = new HashMap<>();
                    pending.forEach((id, future) -> {
                        if (future.isCompletedExceptionally()) {
                            LOG.warnf("no display name for %s: %s", id, future.handle((name, failure) -> failure).join());
                        } else {
                            names.put(id, future.join());
                        }
                    });
                    return names;
                });
    }

    /**
     * Drops a person's name from this instance's cache, as they are erased. Other instances keep
     * theirs at most {@code expire-after-write}, but look it up for nobody: no notification names
     * the person any more.
     */
    public void forget(String userId) {
        cache.synchronous().invalidate(userId);
    }

    @PreDestroy
    void close() {
        lookups.shutdownNow();
    }
}
