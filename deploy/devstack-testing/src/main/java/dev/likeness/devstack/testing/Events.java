package dev.likeness.devstack.testing;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.function.Predicate;

import org.apache.kafka.clients.consumer.OffsetResetStrategy;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.IsolationLevel;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.apache.kafka.common.serialization.Serdes;

import io.smallrye.reactive.messaging.kafka.companion.ConsumerTask;

/** Writing and reading CloudEvents (Kafka binary mode) on the stack's broker. */
public final class Events {

    private Events() {
    }

    /** A binary-mode CloudEvent record as the platform's relays write it. */
    public static ProducerRecord<String, String> cloudEvent(String topic, String key, String id, String type, String source,
                                                            String subject, String data) {
        ProducerRecord<String, String> record = new ProducerRecord<>(topic, key, data);
        header(record, "ce_specversion", "1.0");
        header(record, "ce_id", id);
        header(record, "ce_source", source);
        header(record, "ce_type", type);
        header(record, "ce_time", OffsetDateTime.now(ZoneOffset.UTC).toString());
        if (subject != null) {
            header(record, "ce_subject", subject);
        }
        header(record, "content-type", "application/json");
        return record;
    }

    public static void send(ProducerRecord<String, String> record) {
        TestStack.kafka().produce(Serdes.String(), Serdes.String()).fromRecords(record).awaitCompletion(Duration.ofSeconds(30));
    }

    /**
     * The records of a topic that match, read from the beginning as a {@code read_committed}
     * consumer would: waits until {@code expected} matched, then {@code settle} more for extra
     * (duplicate) ones, and returns all of them; fewer than expected if the timeout passed first.
     */
    public static List<ConsumerRecord<String, String>> read(String topic, Predicate<ConsumerRecord<String, String>> match,
                                                            int expected, Duration timeout, Duration settle) {
        ConsumerTask<String, String> task = TestStack.kafka().consumeStrings()
                .withIsolationLevel(IsolationLevel.READ_COMMITTED)
                .withOffsetReset(OffsetResetStrategy.EARLIEST)
                .fromTopics(topic);
        try {
            long deadline = System.nanoTime() + timeout.toNanos();
            while (System.nanoTime() < deadline && matches(task, match).size() < expected) {
                Thread.sleep(50);
            }
            Thread.sleep(settle.toMillis());
            return matches(task, match);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } finally {
            task.stop();
        }
    }

    public static Predicate<ConsumerRecord<String, String>> withKey(String key) {
        return record -> key.equals(record.key());
    }

    public static String header(ConsumerRecord<?, ?> record, String name) {
        Header header = record.headers().lastHeader(name);
        return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }

    private static List<ConsumerRecord<String, String>> matches(ConsumerTask<String, String> task,
                                                                Predicate<ConsumerRecord<String, String>> match) {
        return task.getRecords().stream().filter(match).toList();
    }

    private static void header(ProducerRecord<String, String> record, String name, String value) {
        record.headers().add(new RecordHeader(name, value.getBytes(StandardCharsets.UTF_8)));
    }
}
