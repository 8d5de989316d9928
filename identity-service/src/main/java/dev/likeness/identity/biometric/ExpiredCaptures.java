package dev.likeness.identity.biometric;

import java.time.Clock;
import java.time.OffsetDateTime;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.jboss.logging.Logger;

import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;

/** Deletes retained captures once their retention ends (reads already ignore them from then on). */
@ApplicationScoped
public class ExpiredCaptures {

    private static final Logger LOG = Logger.getLogger(ExpiredCaptures.class);

    @Inject Pool database;
    @Inject Clock clock;

    @Scheduled(every = "${likeness.biometrics.purge-interval}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    public Uni<Void> purge() {
        return database.preparedQuery("DELETE FROM biometric_record WHERE delete_after <= $1")
                .execute(Tuple.of(OffsetDateTime.now(clock)))
                .invoke(deleted -> {
                    if (deleted.rowCount() > 0) {
                        LOG.infof("Deleted %d capture(s) whose retention ended", deleted.rowCount());
                    }
                })
                .replaceWithVoid();
    }
}
