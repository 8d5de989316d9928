package dev.likeness.identity.enrolment;

import java.security.SecureRandom;
import java.util.Random;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.jboss.logging.Logger;

import dev.likeness.identity.liveness.Challenge;
import dev.likeness.identity.liveness.LivenessConfig;

import io.quarkus.runtime.StartupEvent;

/**
 * Draws the challenges' digits and head turns: from SecureRandom, or, when
 * {@code likeness.enrolment.challenge-seed} is set (tests only), from one {@link Random} seeded with
 * it, so a test run's challenges are replayable. The nonce comes from SecureRandom either way
 * ({@link Challenge#draw}).
 */
@ApplicationScoped
class Challenges {

    private static final Logger LOG = Logger.getLogger(Challenges.class);

    private final int digits;
    private final Long seed;
    private final Random draws;
    private long drawn;

    Challenges(EnrolmentConfig config, LivenessConfig liveness) {
        digits = liveness.digits();
        seed = config.challengeSeed().orElse(null);
        draws = seed == null ? new SecureRandom() : new Random(seed);
    }

    void warnIfSeeded(@Observes StartupEvent event) {
        if (seed != null) {
            LOG.warnf("likeness.enrolment.challenge-seed is set (%d): challenges are predictable: tests only", seed);
        }
    }

    synchronized Challenge next() {
        Challenge challenge = Challenge.draw(digits, draws);
        drawn++;
        if (seed != null) {
            // Predictable anyway: logged so a failed test shows which draw of the seed it got.
            LOG.infof("Seeded challenge %d (seed %d): digits %s, moves %s", drawn, seed, challenge.digits(), challenge.moves());
        }
        return challenge;
    }
}
