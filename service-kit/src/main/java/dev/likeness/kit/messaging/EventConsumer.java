package dev.likeness.kit.messaging;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validator;

import org.apache.kafka.common.header.internals.RecordHeaders;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.eclipse.microprofile.reactive.messaging.Metadata;
import org.jboss.logging.Logger;

import com.fasterxml.jackson.databind.ObjectMapper;

import dev.likeness.kit.Failures;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;

/**
 * How this service consumes events, the same for every topic: parse the CloudEvent, validate
 * its data, then apply it and record its id in one transaction, and only then acknowledge.
 * A redelivered event is acknowledged without effect. A poison event is nacked, which the
 * channel's dead-letter strategy sends to the {@code .dlq} topic with the reason in headers
 * ({@code dead-letter-reason}) and the consumer that refused it ({@code dead-letter-consumer}:
 * {@code <application>/<channel>}).
 * A passing failure (database down) is retried in place, holding the partition so order holds.
 * Each instance counts what it did with each event in {@code likeness.events.consumed}, tagged
 * {@code consumer} and {@code outcome} ({@code applied}, {@code redelivered}, {@code dead-lettered}):
 * how the partitions' work is spread over instances, and what a rebalance delivered again.
 */
@ApplicationScoped
public class EventConsumer {

    private static final Logger LOG = Logger.getLogger(EventConsumer.class);
    /** Attempts for a failure that is neither poison nor transient, before dead-lettering it. */
    private static final int UNEXPECTED_FAILURE_ATTEMPTS = 3;
    public static final String CONSUMER_HEADER = "dead-letter-consumer";

    @Inject ObjectMapper json;
    @Inject Validator validator;
    @Inject ConsumedEvents consumed;
    @Inject MeterRegistry metrics;
    @Inject @ConfigProperty(name = "quarkus.application.name") String application;

    /** What to do with one event type: the data's record class, and the effect. */
    public record Handler<T>(Class<T> data, Function<T, Uni<Void>> effect) {

        Uni<Void> apply(Object event) {
            return effect.apply(data.cast(event));
        }
    }

    public static <T> Handler<T> handler(Class<T> data, Function<T, Uni<Void>> effect) {
        return new Handler<>(data, effect);
    }

    public Uni<Void> consume(Message<String> message, String consumer, Map<String, Handler<?>> handlers) {
        IncomingEvent event;
        Object data;
        Handler<?> handler;
        try {
            event = IncomingEvent.of(message);
            handler = handlers.get(event.type());
            if (handler == null) {
                throw new PoisonEventException("unknown event type " + event.type());
            }
            data = parse(event, handler.data());
        } catch (PoisonEventException e) {
            return reject(message, consumer, e);
        }
        IncomingEvent accepted = event;
        Handler<?> chosen = handler;
        Object parsed = data;
        return Panache.withTransaction(() -> consumed.firstDelivery(consumer, accepted)
                        .chain(first -> (first ? chosen.apply(parsed) : Uni.createFrom().voidItem()).replaceWith(first)))
                .onFailure(Failures::isTransient).retry()
                .withBackOff(Duration.ofMillis(200), Duration.ofSeconds(10)).indefinitely()
                .onFailure(failure -> !(failure instanceof PoisonEventException)).retry().atMost(UNEXPECTED_FAILURE_ATTEMPTS - 1)
                .onItemOrFailure().transformToUni((first, failure) -> {
                    if (failure == null) {
                        counter(consumer, first ? "applied" : "redelivered").increment();
                        return Uni.createFrom().completionStage(message::ack);
                    }
                    LOG.errorf(failure, "%s could not apply %s %s (%s)", consumer, accepted.type(), accepted.id(), accepted.origin());
                    return reject(message, consumer, failure);
                });
    }

    private Counter counter(String consumer, String outcome) {
        return Counter.builder("likeness.events.consumed").description("Events this instance consumed, by what became of them")
                .tag("consumer", consumer).tag("outcome", outcome).register(metrics);
    }

    private Object parse(IncomingEvent event, Class<?> type) {
        Object data;
        try {
            data = json.readValue(event.data(), type);
        } catch (Exception e) {
            throw new PoisonEventException("data of " + event.type() + " is not valid JSON for its schema", e);
        }
        if (data == null) {
            throw new PoisonEventException("no data in " + event.type());
        }
        Set<ConstraintViolation<Object>> violations = validator.validate(data);
        if (!violations.isEmpty()) {
            ConstraintViolation<Object> first = violations.iterator().next();
            throw new PoisonEventException("invalid " + event.type() + ": " + first.getPropertyPath() + " " + first.getMessage());
        }
        return data;
    }

    private Uni<Void> reject(Message<String> message, String consumer, Throwable reason) {
        LOG.warnf("%s dead-letters an event: %s", consumer, reason.getMessage());
        counter(consumer, "dead-lettered").increment();
        RecordHeaders headers = new RecordHeaders();
        // Services may name their channels alike (two consume identity-events into one .dlq): say which service refused it.
        headers.add(CONSUMER_HEADER, (application + "/" + consumer).getBytes(StandardCharsets.UTF_8));
        Metadata dlq = Metadata.of(OutgoingKafkaRecordMetadata.builder().withHeaders(headers).build());
        return Uni.createFrom().completionStage(() -> message.nack(reason, dlq));
    }
}
