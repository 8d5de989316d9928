package dev.likeness.devstack.testing;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SchemaValidatorsConfig;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;

import io.cloudevents.CloudEvent;

/** Validates events against their JSON Schemas in deploy/events/schemas, one file per CloudEvents type. */
public final class EventSchemas {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final JsonSchemaFactory FACTORY = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012);
    private static final SchemaValidatorsConfig CONFIG = SchemaValidatorsConfig.builder().formatAssertionsEnabled(true).build();

    private EventSchemas() {
    }

    /** Fails the test unless the event's data matches the schema of its type. */
    public static void assertValid(CloudEvent event) {
        assertValid(event.getType(), new String(event.getData().toBytes(), java.nio.charset.StandardCharsets.UTF_8));
    }

    public static void assertValid(String type, String data) {
        Set<ValidationMessage> errors = schema(type).validate(read(data));
        assertTrue(errors.isEmpty(), type + " does not match its schema: " + errors + "\n" + data);
    }

    private static JsonSchema schema(String type) {
        try (InputStream in = EventSchemas.class.getResourceAsStream("/dev/likeness/events/" + type + ".json")) {
            if (in == null) {
                throw new AssertionError("no schema for event type " + type + " in deploy/events/schemas");
            }
            return FACTORY.getSchema(in, CONFIG);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static JsonNode read(String data) {
        try {
            return JSON.readTree(data);
        } catch (IOException e) {
            throw new AssertionError("event data is not JSON: " + data, e);
        }
    }
}
