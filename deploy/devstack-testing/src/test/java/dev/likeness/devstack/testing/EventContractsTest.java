package dev.likeness.devstack.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;

/** deploy/events stays consistent: valid schemas, one per event type, each described in the AsyncAPI document. */
class EventContractsTest {

    private static final Path EVENTS = Path.of("..", "events");
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void everySchemaIsAValidJsonSchemaNamedAfterItsType() throws IOException {
        JsonSchema meta = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012)
                .getSchema(SchemaLocation.of("https://json-schema.org/draft/2020-12/schema"));
        for (Path file : schemaFiles()) {
            JsonNode schema = JSON.readTree(file.toFile());
            Set<ValidationMessage> errors = meta.validate(schema);
            assertTrue(errors.isEmpty(), file + ": " + errors);
            String type = file.getFileName().toString().replaceFirst("\\.json$", "");
            assertEquals("urn:likeness:event:" + type, schema.get("$id").asText(), file.toString());
            assertTrue(type.matches("dev\\.likeness\\.[a-z]+\\.[a-z-]+\\.[a-z-]+\\.v[0-9]+"), "type name " + type);
        }
    }

    @Test
    void theAsyncApiDocumentDescribesExactlyTheSchemasEventTypes() throws IOException {
        JsonNode asyncapi = new ObjectMapper(new YAMLFactory()).readTree(EVENTS.resolve("asyncapi.yaml").toFile());
        TreeMap<String, String> described = new TreeMap<>();
        asyncapi.at("/components/messages").forEach(message -> described.put(message.get("name").asText(),
                message.at("/payload/schema/$ref").asText()));
        Set<String> types = new TreeSet<>();
        for (Path file : schemaFiles()) {
            types.add(file.getFileName().toString().replaceFirst("\\.json$", ""));
        }
        assertEquals(types, described.keySet(), "message names of asyncapi.yaml vs. files in schemas/");
        described.forEach((type, ref) -> assertEquals("./schemas/" + type + ".json", ref, type));
    }

    private static Set<Path> schemaFiles() throws IOException {
        try (Stream<Path> files = Files.list(EVENTS.resolve("schemas"))) {
            return new TreeSet<>(files.filter(f -> f.toString().endsWith(".json")).toList());
        }
    }
}
