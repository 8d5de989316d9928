package dev.likeness.identity.erasure;

import java.time.Clock;
import java.util.Collection;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import dev.likeness.kit.time.Clocks;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * The erasures whose last step, deleting the person's Keycloak account, is still to do; for
 * {@code keycloak.ErasedAccounts}, which calls Keycloak between these statements, so they run on a
 * connection of its own (the pool's, no Hibernate session) in a transaction it holds.
 */
@ApplicationScoped
public class InProgressErasures {

    /** An erasure in progress and the person whose account is still to delete. */
    public record Pending(UUID id, String personId) {
    }

    private final Clock clock;

    InProgressErasures(Clock clock) {
        this.clock = clock;
    }

    /**
     * The oldest erasure in progress but those {@code skipped}, locked until {@code transaction}
     * ends; one another transaction holds is passed over. Null when there is none.
     */
    public Uni<Pending> lockNext(SqlConnection transaction, Collection<UUID> skipped) {
        return transaction.preparedQuery("""
                        SELECT id, person_id FROM erasure WHERE status = 'IN_PROGRESS' AND id <> ALL($1)
                        ORDER BY requested_at LIMIT 1 FOR UPDATE SKIP LOCKED""")
                .execute(Tuple.of(skipped.toArray(UUID[]::new)))
                .map(rows -> {
                    if (rows.size() == 0) {
                        return null;
                    }
                    Row row = rows.iterator().next();
                    return new Pending(row.getUUID("id"), row.getString("person_id"));
                });
    }

    /** The erasure is done: whom it erased, and the reason given, are dropped; who asked and when stay. */
    public Uni<Void> complete(SqlConnection transaction, UUID id) {
        return transaction.preparedQuery("""
                        UPDATE erasure SET status = 'COMPLETED', completed_at = $2, person_id = NULL, reason = NULL
                        WHERE id = $1 AND status = 'IN_PROGRESS'""")
                .execute(Tuple.of(id, Clocks.micros(clock)))
                .replaceWithVoid();
    }
}
