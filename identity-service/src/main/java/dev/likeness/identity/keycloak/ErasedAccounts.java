package dev.likeness.identity.keycloak;

import java.time.Duration;
import java.util.HashSet;
import java.util.Set;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import dev.likeness.identity.erasure.InProgressErasures;
import io.quarkus.scheduler.Scheduled;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Transaction;

/**
 * The last step of an erasure: the person's Keycloak account is deleted (they can no longer sign
 * in), then the erasure is completed. Every {@code likeness.erasure.interval}, on every instance,
 * the erasures in progress are taken one at a time, oldest first, each in a transaction that
 * locks its row ({@code FOR UPDATE SKIP LOCKED}) through the Keycloak call, so instances never
 * work on the same one. A user already gone (404) counts as deleted. A passing Keycloak failure
 * rolls back and ends the pass: the next one tries again. A deletion Keycloak refuses is logged,
 * and the erasure stays in progress for the next pass.
 */
@ApplicationScoped
public class ErasedAccounts {

    private static final Logger LOG = Logger.getLogger(ErasedAccounts.class);
    private static final Duration DATABASE_WAIT = Duration.ofSeconds(30);

    private enum Outcome { COMPLETED, REFUSED, NONE_LEFT }

    private final Pool database;
    private final InProgressErasures erasures;
    private final KeycloakUsers users;

    ErasedAccounts(Pool database, InProgressErasures erasures, KeycloakUsers users) {
        this.database = database;
        this.erasures = erasures;
        this.users = users;
    }

    @Scheduled(every = "${likeness.erasure.interval}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void scheduled() {
        run();
    }

    /** Deletes the accounts of the erasures in progress no other instance is working on, and completes them; how many. */
    public int run() {
        Set<UUID> refused = new HashSet<>();
        int completed = 0;
        try {
            for (Outcome outcome = next(refused); outcome != Outcome.NONE_LEFT; outcome = next(refused)) {
                if (outcome == Outcome.COMPLETED) {
                    completed++;
                }
            }
        } catch (RuntimeException failure) {
            if (!KeycloakFailures.isTransient(failure)) {
                throw failure;
            }
            LOG.warnf("Keycloak failed after %d erasure(s) completed; the others wait for the next pass: %s", completed, failure);
        }
        return completed;
    }

    /** The oldest erasure in progress but those {@code refused}: its account deleted and the erasure completed, in one transaction. */
    private Outcome next(Set<UUID> refused) {
        SqlConnection connection = database.getConnection().await().atMost(DATABASE_WAIT);
        try {
            Transaction transaction = connection.begin().await().atMost(DATABASE_WAIT);
            InProgressErasures.Pending erasure = erasures.lockNext(connection, refused).await().atMost(DATABASE_WAIT);
            if (erasure == null) {
                return Outcome.NONE_LEFT;
            }
            if (!deleteAccount(erasure)) {
                refused.add(erasure.id());
                return Outcome.REFUSED;
            }
            erasures.complete(connection, erasure.id()).await().atMost(DATABASE_WAIT);
            transaction.commit().await().atMost(DATABASE_WAIT);
            return Outcome.COMPLETED;
        } finally {
            // Rolls back what was not committed, releasing the row.
            connection.close().await().atMost(DATABASE_WAIT);
        }
    }

    /** False when Keycloak refuses; a passing failure is thrown. The person is not logged, the erasure is. */
    private boolean deleteAccount(InProgressErasures.Pending erasure) {
        try {
            if (!users.delete(erasure.personId())) {
                LOG.infof("Erasure %s: the account was deleted already", erasure.id());
            }
            return true;
        } catch (RuntimeException failure) {
            if (KeycloakFailures.isTransient(failure)) {
                throw failure;
            }
            LOG.errorf("Keycloak refused to delete the account of erasure %s, which stays in progress: %s", erasure.id(), failure);
            return false;
        }
    }
}
