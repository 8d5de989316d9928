package dev.likeness.kit.outbox;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.jboss.logging.Logger;

import com.fasterxml.jackson.databind.ObjectMapper;

import dev.likeness.kit.database.DedicatedConnections;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.common.annotation.Identifier;
import io.vertx.mutiny.pgclient.PgConnection;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * Publishes outbox rows to Kafka as CloudEvents (binary mode), exactly once.
 *
 * <ul>
 * <li>One relay publishes per database: the instance holding a session advisory lock. Its
 *     dedicated connection also LISTENs for inserts, so events leave within milliseconds of the
 *     commit; a poll interval covers a missed notification.</li>
 * <li>Each batch goes out in one Kafka transaction together with a checkpoint record listing the
 *     batch's event ids; the rows are deleted after the commit. A relay that crashed between the
 *     two finds the committed checkpoint when it starts again and deletes those rows instead of
 *     publishing them twice. Kafka fences a previous incarnation (same transactional id).</li>
 * <li>Consumers must read with {@code isolation.level=read_committed}.</li>
 * </ul>
 */
@ApplicationScoped
public class OutboxRelay {

    private static final Logger LOG = Logger.getLogger(OutboxRelay.class);
    private static final Duration TIMEOUT = Duration.ofSeconds(10);
    private static final Duration MAX_BACKOFF = Duration.ofSeconds(10);

    private final OutboxConfig config;
    private final Map<String, Object> kafka;
    private final DedicatedConnections connections;
    private final Checkpoints checkpoints;
    private final Counter published;
    private final Semaphore wake = new Semaphore(0);

    private volatile boolean running;
    private Thread thread;
    private PgConnection leader;
    private KafkaProducer<String, byte[]> producer;

    OutboxRelay(OutboxConfig config, ObjectMapper json, MeterRegistry metrics,
                @Identifier("default-kafka-broker") Map<String, Object> kafka, DedicatedConnections connections) {
        this.config = config;
        this.checkpoints = new Checkpoints(config, kafka, json);
        this.kafka = kafka;
        this.connections = connections;
        this.published = Counter.builder("likeness.outbox.published").description("Events published to Kafka")
                .register(metrics);
    }

    void onStart(@Observes StartupEvent event) {
        start();
    }

    void onStop(@Observes ShutdownEvent event) {
        stop();
    }

    public synchronized void start() {
        if (running) {
            return;
        }
        running = true;
        thread = new Thread(this::run, "outbox-relay");
        thread.setDaemon(true);
        thread.start();
    }

    /** Finishes the batch in flight, then releases leadership and the producer. */
    public synchronized void stop() {
        if (!running) {
            return;
        }
        running = false;
        wake.release();
        try {
            thread.join(Duration.ofSeconds(30).toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void run() {
        Duration backoff = Duration.ofMillis(100);
        while (running) {
            try {
                if (!lead()) {
                    pause(config.pollInterval());
                    continue;
                }
                if (producer == null) {
                    producer = openProducer();
                    reconcile();
                }
                wake.drainPermits();
                List<Pending> batch = fetch();
                if (batch.isEmpty()) {
                    pause(config.pollInterval());
                    continue;
                }
                publish(batch);
                delete(batch);
                backoff = Duration.ofMillis(100);
                if (batch.size() < config.batchSize()) {
                    // A transaction costs Kafka far more than an event in it: let the next batch fill.
                    Thread.sleep(config.linger().toMillis());
                }
            } catch (RuntimeException | InterruptedException e) {
                if (running) {
                    LOG.warnf("outbox relay paused for %s: %s", backoff, e.toString());
                }
                release();
                pause(backoff);
                backoff = backoff.multipliedBy(2).compareTo(MAX_BACKOFF) > 0 ? MAX_BACKOFF : backoff.multipliedBy(2);
            }
        }
        release();
    }

    /** True while this instance holds the relay lock on its dedicated connection. */
    private boolean lead() {
        if (leader != null) {
            return true;
        }
        PgConnection connection = connections.holding("outbox_relay").await().atMost(TIMEOUT);
        if (connection == null) {
            return false;
        }
        connection.notificationHandler(notification -> wake.release());
        connection.query("LISTEN outbox_event").execute().await().atMost(TIMEOUT);
        leader = connection;
        LOG.infof("outbox relay %s is publishing", config.relayId());
        return true;
    }

    private KafkaProducer<String, byte[]> openProducer() {
        Map<String, Object> settings = new HashMap<>(kafka);
        settings.put(ProducerConfig.TRANSACTIONAL_ID_CONFIG, "likeness-outbox-" + config.relayId());
        settings.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        settings.put(ProducerConfig.ACKS_CONFIG, "all");
        settings.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, (int) TIMEOUT.toMillis());
        settings.put(ProducerConfig.TRANSACTION_TIMEOUT_CONFIG, 30_000);
        settings.put(ProducerConfig.LINGER_MS_CONFIG, 0);
        settings.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        settings.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        KafkaProducer<String, byte[]> created = new KafkaProducer<>(settings);
        try {
            // Fences an earlier incarnation and completes or aborts its open transaction.
            created.initTransactions();
        } catch (RuntimeException e) {
            created.close(Duration.ZERO);
            throw e;
        }
        return created;
    }

    /** Deletes the rows of the last committed batch: a crash may have left them behind. */
    private void reconcile() throws InterruptedException {
        List<UUID> ids = checkpoints.last();
        if (!ids.isEmpty()) {
            int deleted = leader.preparedQuery("DELETE FROM outbox_event WHERE id = ANY($1)")
                    .execute(Tuple.of(ids.toArray(UUID[]::new))).await().atMost(TIMEOUT).rowCount();
            if (deleted > 0) {
                LOG.infof("outbox relay: %d already published events were still in the outbox; removed", deleted);
            }
        }
    }

    private List<Pending> fetch() {
        List<Pending> batch = new ArrayList<>();
        for (Row row : leader.preparedQuery("""
                        SELECT seq, id, topic, partition_key, type, source, subject, time, data::text AS data
                        FROM outbox_event ORDER BY seq LIMIT $1""")
                .execute(Tuple.of(config.batchSize())).await().atMost(TIMEOUT)) {
            batch.add(new Pending(row.getLong("seq"), row.getUUID("id"), row.getString("topic"),
                    row.getString("partition_key"), row.getString("type"), row.getString("source"),
                    row.getString("subject"), row.getOffsetDateTime("time"), row.getString("data")));
        }
        return batch;
    }

    private void publish(List<Pending> batch) {
        producer.beginTransaction();
        for (Pending event : batch) {
            producer.send(event.toRecord());
        }
        producer.send(checkpoints.of(batch.stream().map(Pending::id).toList()));
        producer.commitTransaction();
        published.increment(batch.size());
    }

    private void delete(List<Pending> batch) {
        Long[] seqs = batch.stream().map(Pending::seq).toArray(Long[]::new);
        leader.preparedQuery("DELETE FROM outbox_event WHERE seq = ANY($1)").execute(Tuple.of(seqs))
                .await().atMost(TIMEOUT);
    }

    /** After a failure: a fresh producer and connection; the next start reconciles from Kafka. */
    private void release() {
        if (producer != null) {
            producer.close(Duration.ZERO);
            producer = null;
        }
        if (leader != null) {
            try {
                leader.close().await().atMost(TIMEOUT);
            } catch (RuntimeException ignored) {
                // already broken
            }
            leader = null;
        }
    }

    private void pause(Duration duration) {
        try {
            if (wake.tryAcquire(duration.toMillis(), TimeUnit.MILLISECONDS)) {
                wake.drainPermits();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private record Pending(long seq, UUID id, String topic, String key, String type, String source, String subject,
                           OffsetDateTime time, String data) {

        /** CloudEvents Kafka protocol binding, binary content mode. */
        ProducerRecord<String, byte[]> toRecord() {
            RecordHeaders headers = new RecordHeaders();
            header(headers, "ce_specversion", "1.0");
            header(headers, "ce_id", id.toString());
            header(headers, "ce_source", source);
            header(headers, "ce_type", type);
            header(headers, "ce_time", time.format(DateTimeFormatter.ISO_OFFSET_DATE_TIME));
            if (subject != null) {
                header(headers, "ce_subject", subject);
            }
            header(headers, "content-type", "application/json");
            return new ProducerRecord<>(topic, null, time.toInstant().toEpochMilli(), key,
                    data.getBytes(StandardCharsets.UTF_8), headers);
        }

        private static void header(RecordHeaders headers, String name, String value) {
            headers.add(new RecordHeader(name, value.getBytes(StandardCharsets.UTF_8)));
        }
    }
}
