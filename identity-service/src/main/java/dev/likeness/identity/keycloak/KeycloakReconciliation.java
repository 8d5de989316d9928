package dev.likeness.identity.keycloak;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import dev.likeness.kit.database.DedicatedConnections;
import io.quarkus.scheduler.Scheduled;
import io.vertx.mutiny.pgclient.PgConnection;

/**
 * Brings every person's Keycloak attributes back in line with their likeness, whatever was lost
 * on the way: an event dead-lettered after Keycloak kept failing, an administrator's edit in
 * Keycloak, a restore of either side.
 *
 * <p>Every {@code likeness.keycloak.reconcile-interval}, one instance (the one that takes a
 * PostgreSQL advisory lock, on a connection of its own) pages through each person's latest
 * likeness, {@value #PAGE_SIZE} people per query, and reads their Keycloak user, at most
 * {@code likeness.keycloak.reconcile-rate} a second. A user shown otherwise is corrected from the
 * database read again at that moment, so a change committed since the page was read is not
 * undone. No transaction is open during a Keycloak call. A passing Keycloak failure ends the pass
 * (the next one starts over); a user Keycloak refuses is logged and skipped.
 */
@ApplicationScoped
public class KeycloakReconciliation {

    static final int PAGE_SIZE = 200;
    private static final Logger LOG = Logger.getLogger(KeycloakReconciliation.class);
    public static final String LOCK = "keycloak-reconciliation";
    private static final Duration DATABASE_WAIT = Duration.ofSeconds(30);

    private final LikenessClaims claims;
    private final KeycloakUsers users;
    private final DedicatedConnections connections;
    private final long pauseNanos;

    KeycloakReconciliation(LikenessClaims claims, KeycloakUsers users, DedicatedConnections connections, KeycloakSyncConfig config) {
        this.claims = claims;
        this.users = users;
        this.connections = connections;
        this.pauseNanos = TimeUnit.SECONDS.toNanos(1) / config.reconcileRate();
    }

    @Scheduled(every = "${likeness.keycloak.reconcile-interval}", delayed = "1m",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void scheduled() {
        run();
    }

    /** One pass over every person with a likeness; false when another instance is making one. */
    public boolean run() {
        // A session lock, released when the connection closes: held for the pass, with no transaction open.
        PgConnection connection = connections.holding(LOCK).await().atMost(DATABASE_WAIT);
        if (connection == null) {
            LOG.debug("Another instance is reconciling Keycloak");
            return false;
        }
        try {
            pass();
            return true;
        } finally {
            connection.closeAndAwait();
        }
    }

    private void pass() {
        int people = 0;
        int repaired = 0;
        String after = "";
        List<LikenessClaim> page;
        try {
            do {
                page = claims.page(after, PAGE_SIZE).await().atMost(DATABASE_WAIT);
                for (LikenessClaim claim : page) {
                    TimeUnit.NANOSECONDS.sleep(pauseNanos);
                    if (repair(claim)) {
                        repaired++;
                    }
                    people++;
                    after = claim.ownerId();
                }
            } while (page.size() == PAGE_SIZE);
        } catch (InterruptedException stopping) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException failure) {
            if (!KeycloakFailures.isTransient(failure)) {
                throw failure;
            }
            LOG.warnf("Keycloak reconciliation stopped after %d people: %s", people, failure);
        }
        LOG.infof("Keycloak reconciliation: %d people read, %d repaired", people, repaired);
    }

    /** True when the user's attributes had to be corrected. */
    private boolean repair(LikenessClaim claim) {
        try {
            Optional<Map<String, List<String>>> attributes = users.attributes(claim.ownerId());
            if (attributes.isEmpty() || claim.appliedTo(attributes.get()).equals(attributes.get())) {
                return false;
            }
            LikenessClaim now = claims.ofOwner(claim.ownerId()).await().atMost(DATABASE_WAIT);
            boolean repaired = users.change(now.ownerId(), now::appliedTo) == KeycloakUsers.Outcome.UPDATED;
            if (repaired) {
                LOG.warnf("Keycloak user %s did not show likeness %s as %s; repaired", now.ownerId(), now.likenessId(), now.status());
            }
            return repaired;
        } catch (RuntimeException failure) {
            if (KeycloakFailures.isTransient(failure)) {
                throw failure;
            }
            LOG.errorf(failure, "Keycloak reconciliation could not correct user %s", claim.ownerId());
            return false;
        }
    }
}
