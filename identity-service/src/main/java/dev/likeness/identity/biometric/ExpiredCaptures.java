package dev.likeness.identity.biometric;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.jboss.logging.Logger;

import io.quarkus.runtime.StartupEvent;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.sqlclient.Pool;

/** Deletes retained captures once their retention ends (reads already ignore them from then on). */
@ApplicationScoped
class ExpiredCaptures {

    private static final Logger LOG = Logger.getLogger(ExpiredCaptures.class);

    void start(@Observes StartupEvent event, Vertx vertx, Pool database, BiometricConfig config) {
        vertx.setPeriodic(config.purgeInterval().toMillis(), timer -> database
                .query("DELETE FROM biometric_record WHERE delete_after <= now()")
                .execute()
                .subscribe().with(deleted -> {
                    if (deleted.rowCount() > 0) {
                        LOG.infof("Deleted %d capture(s) whose retention ended", deleted.rowCount());
                    }
                }, failure -> LOG.warnf("Purging expired captures failed (next try in %s): %s", config.purgeInterval(), failure)));
    }
}
