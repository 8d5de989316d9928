package dev.likeness.kit.erasure;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.HexFormat;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;

import dev.likeness.kit.retention.RetentionConfig;
import dev.likeness.kit.retention.RetentionRule;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * The people erased here lately, kept as SHA-256 digests of their ids, never the ids. Kafka
 * orders only the events of one key, and {@code person.erased} is keyed by the person while the
 * other events about them are keyed by likeness, so an event about a person may arrive after
 * their erasure; a consumer asks {@link #erased} and stores nothing of them. A digest is kept as
 * long as a consumed event id (longer than the topics keep events), then the retention rule
 * {@code erased-persons} deletes it.
 */
@ApplicationScoped
public class ErasedPersons {

    @Inject Clock clock;
    @Inject Pool pool;

    /** Records the erasure, in the caller's transaction; recording it again changes nothing. */
    public Uni<Void> record(String personId) {
        return Panache.getSession().chain(session -> session.createNativeQuery("""
                        INSERT INTO erased_person (digest, erased_at) VALUES (?1, ?2) ON CONFLICT DO NOTHING""")
                .setParameter(1, digest(personId))
                .setParameter(2, OffsetDateTime.now(clock))
                .executeUpdate())
                .replaceWithVoid();
    }

    /**
     * {@link #erased} outside any transaction, from any thread: a request filter runs on a worker
     * thread before a blocking resource, where Hibernate Reactive may not be called.
     */
    public Uni<Boolean> erasedNow(String personId) {
        return pool.preparedQuery("SELECT 1 FROM erased_person WHERE digest = $1").execute(Tuple.of(digest(personId)))
                .map(rows -> rows.size() > 0);
    }

    /** Whether the person was erased here within the retention of the digests, in the caller's session. */
    public Uni<Boolean> erased(String personId) {
        return Panache.getSession().chain(session -> session
                .createNativeQuery("SELECT count(*) FROM erased_person WHERE digest = ?1", Long.class)
                .setParameter(1, digest(personId))
                .getSingleResult())
                .map(count -> count > 0);
    }

    static String digest(String personId) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(personId.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    @Produces
    @Singleton
    static RetentionRule retention(RetentionConfig config) {
        return RetentionRule.deleting("erased-persons", "digests of the ids of people erased",
                "an event about an erased person that Kafka delivers late is recognised as long as the topics keep events (7 days)",
                config.consumedEvents(), "erased_person", "erased_at < $1");
    }
}
