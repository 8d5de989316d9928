package dev.likeness.kit.outbox;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The relay's record of what it published: each batch's Kafka transaction also carries a
 * checkpoint listing the batch's event ids, keyed by the relay on a compacted topic, so a relay
 * that crashed before deleting the rows finds which ones went out.
 */
final class Checkpoints {

    private static final Duration TIMEOUT = Duration.ofSeconds(10);
    private static final long WINDOW = 100;

    private final OutboxConfig config;
    private final Map<String, Object> kafka;
    private final ObjectMapper json;

    Checkpoints(OutboxConfig config, Map<String, Object> kafka, ObjectMapper json) {
        this.config = config;
        this.kafka = kafka;
        this.json = json;
    }

    /** The checkpoint of a batch, to send in the batch's transaction. */
    ProducerRecord<String, byte[]> of(List<UUID> ids) {
        try {
            return new ProducerRecord<>(config.checkpointTopic(), config.relayId(),
                    json.writeValueAsBytes(Map.of("relay", config.relayId(), "ids", ids)));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The ids of this relay's last committed batch; none if it never committed one. */
    List<UUID> last() {
        Map<String, Object> settings = new HashMap<>(kafka);
        settings.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        settings.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        settings.remove(ConsumerConfig.GROUP_ID_CONFIG);
        settings.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        settings.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        TopicPartition partition = new TopicPartition(config.checkpointTopic(), 0);
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(settings)) {
            consumer.assign(List.of(partition));
            long begin = consumer.beginningOffsets(List.of(partition), TIMEOUT).get(partition);
            long end = consumer.endOffsets(List.of(partition), TIMEOUT).get(partition);
            // Newest first, a window at a time: the topic is compacted, but only eventually.
            for (long windowEnd = end; windowEnd > begin; windowEnd -= WINDOW) {
                long from = Math.max(begin, windowEnd - WINDOW);
                consumer.seek(partition, from);
                byte[] last = null;
                long deadline = System.nanoTime() + TIMEOUT.toNanos();
                while (consumer.position(partition) < windowEnd && System.nanoTime() < deadline) {
                    for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(500))) {
                        if (record.offset() < windowEnd && config.relayId().equals(record.key())) {
                            last = record.value();
                        }
                    }
                }
                if (last != null) {
                    return ids(last);
                }
            }
        }
        return List.of();
    }

    private List<UUID> ids(byte[] checkpoint) {
        try {
            List<UUID> ids = new ArrayList<>();
            for (JsonNode id : json.readTree(checkpoint).path("ids")) {
                ids.add(UUID.fromString(id.asText()));
            }
            return ids;
        } catch (IOException e) {
            throw new IllegalStateException("unreadable outbox checkpoint", e);
        }
    }
}
