package dev.likeness.devstack.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Services share no runtime code (each deploys and evolves alone), so each carries a copy of the
 * same small infrastructure: the outbox and its relay, the event consumer, the problem mapper and the request rules.
 * This keeps the copies identical (but for their package): a fix made in one service fails the
 * build until the other two have it too.
 */
class InfrastructureCopiesTest {

    private static final Path REPOSITORY = Path.of("..", "..");
    private static final List<String> FILES = List.of(
            "common/Problem.java", "common/ProblemException.java", "common/ProblemMapper.java", "common/Failures.java",
            "common/KafkaReadiness.java", "common/Roles.java", "common/RequestRules.java", "common/JsonRules.java",
            "common/BodyLimit.java",
            "outbox/DomainEvent.java", "outbox/Outbox.java", "outbox/OutboxConfig.java", "outbox/OutboxRelay.java",
            "messaging/ConsumedEvents.java", "messaging/EventConsumer.java", "messaging/IncomingEvent.java",
            "messaging/PoisonEventException.java");

    @ParameterizedTest
    @ValueSource(strings = {"identity", "notification"})
    void theServiceCarriesTheSameInfrastructureAsConsentService(String service) throws IOException {
        for (String file : FILES) {
            assertEquals(source("consent", file), source(service, file),
                    service + "-service's " + file + " differs from consent-service's: apply the change to all three services");
        }
        assertEquals(migration("consent"), migration(service), service + "-service's V1__messaging.sql differs");
    }

    private static String source(String service, String file) throws IOException {
        Path path = REPOSITORY.resolve(service + "-service/src/main/java/dev/likeness/" + service + "/" + file);
        return Files.readString(path).replace("dev.likeness." + service + ".", "dev.likeness.SERVICE.");
    }

    private static String migration(String service) throws IOException {
        return Files.readString(REPOSITORY.resolve(service + "-service/src/main/resources/db/migration/V1__messaging.sql"));
    }
}
