package dev.likeness.kit.messaging;

import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;

import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;
import org.eclipse.microprofile.reactive.messaging.Message;

import io.smallrye.reactive.messaging.kafka.api.IncomingKafkaRecordMetadata;

/** A CloudEvent read from Kafka in binary content mode: attributes in {@code ce_} headers, data in the value. */
public record IncomingEvent(String id, String source, String type, String subject, OffsetDateTime time,
                            String key, String data, String origin) {

    public static IncomingEvent of(Message<String> message) {
        IncomingKafkaRecordMetadata<?, ?> kafka = message.getMetadata(IncomingKafkaRecordMetadata.class)
                .orElseThrow(() -> new PoisonEventException("not a Kafka record"));
        Headers headers = kafka.getHeaders();
        String origin = kafka.getTopic() + "-" + kafka.getPartition() + "@" + kafka.getOffset();
        if (!"1.0".equals(header(headers, "ce_specversion"))) {
            throw new PoisonEventException("not a CloudEvents 1.0 binary-mode record (ce_specversion)");
        }
        String contentType = header(headers, "content-type");
        if (contentType != null && !contentType.startsWith("application/json")) {
            throw new PoisonEventException("data is " + contentType + ", expected application/json");
        }
        OffsetDateTime time;
        try {
            String value = header(headers, "ce_time");
            time = value == null ? null : OffsetDateTime.parse(value);
        } catch (DateTimeParseException e) {
            throw new PoisonEventException("ce_time is not an RFC 3339 timestamp");
        }
        Object key = kafka.getKey();
        return new IncomingEvent(required(headers, "ce_id"), required(headers, "ce_source"), required(headers, "ce_type"),
                header(headers, "ce_subject"), time, key == null ? null : key.toString(), message.getPayload(), origin);
    }

    private static String required(Headers headers, String name) {
        String value = header(headers, name);
        if (value == null || value.isBlank()) {
            throw new PoisonEventException("missing CloudEvents attribute " + name);
        }
        return value;
    }

    private static String header(Headers headers, String name) {
        Header header = headers.lastHeader(name);
        return header == null || header.value() == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }
}
