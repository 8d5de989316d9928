package dev.likeness.kit.database;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;

/**
 * A lock on any text key, held until the current transaction ends: what makes a limit's
 * "count, then write" safe when one person sends several requests at once (each would pass the
 * count). A PostgreSQL transaction-scoped advisory lock on a 64-bit hash of the key; prefix the
 * key with what it guards, so two limits of one person do not wait on each other.
 */
public final class TransactionLocks {

    private TransactionLocks() {
    }

    public static Uni<Void> lock(String key) {
        return Panache.getSession().chain(session -> session.createNativeQuery(
                        "SELECT count(*) FROM pg_advisory_xact_lock(hashtextextended(?1, 0))", Long.class)
                .setParameter(1, key)
                .getSingleResult())
                .replaceWithVoid();
    }
}
