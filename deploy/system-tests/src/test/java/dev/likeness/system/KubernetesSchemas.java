package dev.likeness.system;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.PathType;
import com.networknt.schema.SchemaValidatorsConfig;
import com.networknt.schema.SpecVersion;

/**
 * The schemas of deploy/kubernetes/schema as JSON Schema, strict as {@code kubectl apply}'s default
 * {@code --validate=strict} (and kubeconform's {@code -strict}): an object that lists its properties takes no other.
 * Built-in kinds from Kubernetes' OpenAPI v2 document, custom resources from their CRD's {@code openAPIV3Schema}
 * (open where {@code x-kubernetes-preserve-unknown-fields} says so). CEL rules ({@code x-kubernetes-validations}) and
 * formats are not checked: the API server does that.
 */
final class KubernetesSchemas {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final String OBJECT_META = "io.k8s.apimachinery.pkg.apis.meta.v1.ObjectMeta";
    /** A string in the OpenAPI document ("500m", "1Gi"); kubectl takes a number too. */
    private static final String QUANTITY = "io.k8s.apimachinery.pkg.api.resource.Quantity";
    /** The JSON Schema keywords the conversion keeps; the rest (descriptions, formats, extensions) checks nothing here. */
    private static final Set<String> KEYWORDS = Set.of("type", "properties", "additionalProperties", "items", "required",
            "enum", "anyOf", "oneOf", "allOf", "not", "$ref", "maxLength", "minLength", "pattern", "maximum", "minimum",
            "maxItems", "minItems", "uniqueItems", "maxProperties", "minProperties", "multipleOf");

    private final JsonSchemaFactory factory = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V7);
    /** Definitions load when a document reaches them, not all of Kubernetes' for every kind. */
    private final SchemaValidatorsConfig config = SchemaValidatorsConfig.builder()
            .preloadJsonSchema(false).pathType(PathType.JSON_POINTER).build();
    private final ObjectNode definitions;
    /** "apps/v1 Deployment" → its definition's name, or a CRD version's converted schema. */
    private final Map<String, String> builtIn = new HashMap<>();
    private final Map<String, JsonNode> custom = new HashMap<>();
    private final Map<String, JsonSchema> compiled = new HashMap<>();

    KubernetesSchemas(Path directory) {
        try {
            JsonNode openApi = openApi(directory.resolve("kubernetes"));
            definitions = NODES.objectNode();
            for (Map.Entry<String, JsonNode> definition : openApi.get("definitions").properties()) {
                definitions.set(definition.getKey(), definition.getKey().equals(QUANTITY)
                        ? integerOrString(NODES.objectNode()) : convert(definition.getValue()));
                for (JsonNode gvk : definition.getValue().path("x-kubernetes-group-version-kind")) {
                    String group = gvk.get("group").asText();
                    builtIn.put(key((group.isEmpty() ? "" : group + "/") + gvk.get("version").asText(), gvk.get("kind").asText()),
                            definition.getKey());
                }
            }
            try (Stream<Path> files = Files.walk(directory)) {
                for (Path file : files.filter(f -> f.toString().matches(".*\\.ya?ml$")).sorted().toList()) {
                    for (JsonNode crd : YAML.readerFor(JsonNode.class).<JsonNode>readValues(file.toFile()).readAll()) {
                        if (crd.path("kind").asText().equals("CustomResourceDefinition")) {
                            addCustomResource(crd);
                        }
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** What is wrong with a document, each as "path: message"; empty when it matches its kind's schema. */
    List<String> problems(JsonNode document) {
        String key = key(document.path("apiVersion").asText(), document.path("kind").asText());
        JsonSchema schema = compiled.computeIfAbsent(key, this::schema);
        if (schema == null) {
            return List.of("no schema for " + key + " in deploy/kubernetes/schema");
        }
        List<String> problems = new ArrayList<>();
        schema.validate(document).forEach(message -> problems.add(message.getMessage()));
        if (custom.containsKey(key)) {
            // A CRD's schema leaves metadata to the API server, which reads it as every object's ObjectMeta.
            compiled.computeIfAbsent("metadata", k -> compile(NODES.objectNode().put("$ref", "#/definitions/" + OBJECT_META)))
                    .validate(document.path("metadata")).forEach(message -> problems.add("/metadata" + message.getMessage()));
        }
        return problems;
    }

    private JsonSchema schema(String key) {
        if (builtIn.containsKey(key)) {
            return compile(NODES.objectNode().put("$ref", "#/definitions/" + builtIn.get(key)));
        }
        return custom.containsKey(key) ? compile(custom.get(key).deepCopy()) : null;
    }

    private JsonSchema compile(ObjectNode schema) {
        // Every schema may refer to the Kubernetes definitions; the map is shared, not copied.
        schema.set("definitions", definitions);
        return factory.getSchema(schema, config);
    }

    private void addCustomResource(JsonNode crd) {
        JsonNode spec = crd.get("spec");
        for (JsonNode version : spec.get("versions")) {
            if (version.path("served").asBoolean()) {
                ObjectNode schema = convert(version.at("/schema/openAPIV3Schema"));
                // Every object has these, whether its CRD's schema lists them (Keycloak's do not list metadata).
                ObjectNode properties = schema.has("properties") ? (ObjectNode) schema.get("properties") : schema.putObject("properties");
                List.of("apiVersion", "kind", "metadata").forEach(name -> properties.putIfAbsent(name, NODES.objectNode()));
                custom.put(key(spec.get("group").asText() + "/" + version.get("name").asText(), spec.at("/names/kind").asText()), schema);
            }
        }
    }

    /**
     * One schema node in JSON Schema: strict objects, {@code int-or-string} as integer or string,
     * {@code nullable} as a null type, and only the keywords that check something.
     */
    private static ObjectNode convert(JsonNode node) {
        ObjectNode converted = NODES.objectNode();
        boolean intOrString = node.path("format").asText().equals("int-or-string")
                || node.path("x-kubernetes-int-or-string").asBoolean();
        for (Map.Entry<String, JsonNode> field : node.properties()) {
            String keyword = field.getKey();
            JsonNode value = field.getValue();
            if (!KEYWORDS.contains(keyword)) {
                continue;
            }
            switch (keyword) {
                case "properties" -> {
                    ObjectNode properties = converted.putObject("properties");
                    value.properties().forEach(p -> properties.set(p.getKey(), convert(p.getValue())));
                }
                case "items", "additionalProperties", "not" ->
                        converted.set(keyword, value.isObject() ? convert(value) : value);
                case "anyOf", "oneOf", "allOf" -> {
                    ArrayNode all = converted.putArray(keyword);
                    value.forEach(item -> all.add(convert(item)));
                }
                case "$ref" -> converted.put("$ref", value.asText());
                default -> converted.set(keyword, value);
            }
        }
        if (intOrString) {
            integerOrString(converted);
        } else if (node.path("nullable").asBoolean() && converted.has("type")) {
            converted.putArray("type").add(node.get("type").asText()).add("null");
        }
        boolean open = node.path("x-kubernetes-preserve-unknown-fields").asBoolean()
                || node.path("x-kubernetes-embedded-resource").asBoolean();
        if (node.has("properties") && !node.has("additionalProperties") && !open) {
            converted.put("additionalProperties", false);
        }
        return converted;
    }

    private static ObjectNode integerOrString(ObjectNode schema) {
        schema.remove(List.of("type", "anyOf", "oneOf", "pattern"));
        schema.putArray("type").add("integer").add("string");
        return schema;
    }

    private static JsonNode openApi(Path directory) throws IOException {
        byte[] json;
        try (InputStream in = new GZIPInputStream(Files.newInputStream(directory.resolve("kubernetes-1.34.1.json.gz")))) {
            json = in.readAllBytes();
        }
        String expected = Files.readString(directory.resolve("kubernetes-1.34.1.json.sha256")).split("\\s+")[0];
        String actual;
        try {
            actual = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(json));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
        if (!actual.equals(expected)) {
            throw new IllegalStateException("kubernetes-1.34.1.json.gz is not the vendored file: SHA-256 " + actual
                    + ", expected " + expected + " (deploy/kubernetes/schema/README.md)");
        }
        return JSON.readTree(json);
    }

    private static String key(String apiVersion, String kind) {
        return apiVersion + " " + kind;
    }
}
