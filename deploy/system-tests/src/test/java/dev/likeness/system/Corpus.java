package dev.likeness.system;

import java.io.IOException;
import java.io.InputStream;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The bad-input corpus (files under {@code src/test/resources/bad-input}, see its README) turned
 * into requests for one operation: each case is the operation's valid request with one thing
 * made wrong.
 */
final class Corpus {

    private static final ObjectMapper JSON = new ObjectMapper();
    /** Bigger than the 10 MB the JSON services take; generated, not committed. */
    private static final int HUGE_BYTES = 12 * 1024 * 1024;
    private static final int DEEP_LEVELS = 10_000;
    private static final List<String> BODY_FILES = List.of(
            "malformed-unclosed-object.json", "malformed-trailing-comma.json", "malformed-single-quotes.json",
            "malformed-bare-word.json", "malformed-nan.json", "malformed-comment.json", "malformed-invalid-utf8.json",
            "malformed-unterminated-string.json", "malformed-bad-escape.json", "malformed-two-documents.json",
            "binary-nul-bytes.json", "wrong-root-array.json", "wrong-root-string.json", "wrong-root-number.json",
            "wrong-root-boolean.json", "wrong-root-null.json", "empty.json");
    /** Bodies that mean "no body": refused only where the operation requires one. */
    private static final List<String> ABSENT_BODIES = List.of("wrong-root-null.json", "empty.json");
    private static final List<String> WRONG_CONTENT_TYPES = List.of(
            "text/plain", "application/xml", "application/x-www-form-urlencoded", "multipart/form-data; boundary=x",
            "application/json-patch+json", "image/png");

    /**
     * One request to send. {@code mustRefuse}: the input is invalid, so a 2xx is a failure (a
     * search for an odd string, say, may rightly answer 200 and is not marked).
     */
    record Case(String category, String name, OpenApi.Operation operation, Http.Request request, boolean mustRefuse) {
    }

    private final Map<String, byte[]> bodies = new LinkedHashMap<>();
    private final List<String> ids;
    private final List<String> injections;
    private final byte[] huge;
    private final byte[] deepArray;
    private final byte[] deepObject;

    Corpus() {
        BODY_FILES.forEach(file -> bodies.put(file.replace(".json", ""), resource("bodies/" + file)));
        ids = lines("ids.txt");
        injections = lines("injections.txt").stream().map(Corpus::unescape).toList();
        StringBuilder big = new StringBuilder(HUGE_BYTES + 16).append('[');
        while (big.length() < HUGE_BYTES) {
            big.append("\"xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx\",");
        }
        huge = big.append("\"x\"]").toString().getBytes(StandardCharsets.US_ASCII);
        deepArray = ("[".repeat(DEEP_LEVELS) + "]".repeat(DEEP_LEVELS)).getBytes(StandardCharsets.US_ASCII);
        deepObject = ("{\"a\":".repeat(DEEP_LEVELS) + "1" + "}".repeat(DEEP_LEVELS)).getBytes(StandardCharsets.US_ASCII);
    }

    /** Every case for the operation, made from its valid request by {@code base} (a fresh request each call, body and all). */
    List<Case> cases(OpenApi.Operation operation, Function<String, Http.Request> base, Map<String, String> realIds,
                     ValidRequests.Valid valid, Map<String, String> badBearers) {
        List<Case> cases = new ArrayList<>();
        String path = fill(operation.path(), realIds);
        if (operation.secured()) {
            cases.add(new Case("token", "missing", operation, base.apply(path).header("Authorization", null), true));
            cases.add(new Case("token", "basic-scheme", operation, base.apply(path).header("Authorization", "Basic b3duZXI6b3duZXI="), true));
            badBearers.forEach((name, token) -> cases.add(new Case("token", name, operation,
                    base.apply(path).header("Authorization", "Bearer " + token), true)));
        }
        for (OpenApi.Parameter parameter : operation.in("path")) {
            for (String id : ids) {
                if (valid(parameter, id)) {
                    continue; // e.g. "not-a-uuid" is a well-formed person id: blocking them is a valid request
                }
                Map<String, String> filled = new LinkedHashMap<>(realIds);
                filled.put(parameter.name(), id);
                cases.add(new Case("id", parameter.name() + "=" + id, operation, base.apply(fill(operation.path(), filled)), true));
            }
        }
        for (OpenApi.Parameter parameter : operation.in("query")) {
            boolean typed = !parameter.schema().path("type").asText("string").equals("string") || parameter.schema().has("enum");
            List<String> values = new ArrayList<>(injections);
            if (typed) {
                values.addAll(List.of("-1", "0", "1.5", "99999999999999999999", "abc", "maybe"));
            }
            for (String value : values) {
                cases.add(new Case("query", parameter.name() + "=" + value, operation,
                        base.apply(path + "?" + parameter.name() + "=" + URLEncoder.encode(value, StandardCharsets.UTF_8)), typed));
            }
        }
        for (OpenApi.Parameter parameter : operation.in("header")) {
            for (String value : headerValues()) {
                // A blank header means none, which some headers allow (Last-Event-ID): not marked refused.
                cases.add(new Case("header", parameter.name() + "=" + value, operation, base.apply(path).header(parameter.name(), value),
                        !value.isBlank()));
            }
        }
        if (operation.bodySchema() != null) {
            cases.addAll(jsonBodies(operation, path, base, valid));
        }
        return cases;
    }

    private List<Case> jsonBodies(OpenApi.Operation operation, String path, Function<String, Http.Request> base, ValidRequests.Valid valid) {
        List<Case> cases = new ArrayList<>();
        bodies.forEach((name, body) -> {
            if (operation.bodyRequired() || !ABSENT_BODIES.contains(name + ".json")) {
                cases.add(new Case("body", name, operation, base.apply(path).body("application/json", body), true));
            }
        });
        cases.add(new Case("body", "huge-12MB-array", operation, base.apply(path).body("application/json", huge), true));
        cases.add(new Case("body", "deep-array-10000", operation, base.apply(path).body("application/json", deepArray), true));
        cases.add(new Case("body", "deep-object-10000", operation, base.apply(path).body("application/json", deepObject), true));
        for (String type : WRONG_CONTENT_TYPES) {
            cases.add(new Case("content-type", type, operation, base.apply(path).body(type, valid.body()), true));
        }
        cases.add(new Case("content-type", "none", operation, base.apply(path).body(null, valid.body()), true));
        JsonNode schema = operation.bodySchema();
        ObjectNode example = (ObjectNode) read(valid.json());
        if (schema.path("required").size() > 0) {
            cases.add(new Case("body", "no-fields", operation, base.apply(path).json("{}"), true));
        }
        for (JsonNode required : schema.path("required")) {
            cases.add(new Case("body", "null:" + required.asText(), operation,
                    base.apply(path).json(example.deepCopy().putNull(required.asText()).toString()), true));
        }
        for (Iterator<Map.Entry<String, JsonNode>> properties = schema.path("properties").fields(); properties.hasNext(); ) {
            Map.Entry<String, JsonNode> property = properties.next();
            String field = property.getKey();
            JsonNode type = property.getValue();
            cases.add(new Case("body", "wrong-type:" + field, operation,
                    base.apply(path).json(example.deepCopy().set(field, wrongType(type)).toString()), true));
            if (type.has("maxLength")) {
                cases.add(new Case("body", "overlong:" + field, operation, base.apply(path).json(
                        example.deepCopy().put(field, "a".repeat(type.get("maxLength").asInt() + 1)).toString()), true));
            }
            if (type.has("maxItems")) {
                cases.add(new Case("body", "too-many-items:" + field, operation, base.apply(path).json(
                        example.deepCopy().set(field, tooMany(example.get(field), type.get("maxItems").asInt() + 1)).toString()), true));
            }
            if (type.path("type").asText().equals("string") && !constrained(type)) {
                // Any text, but not every character: PostgreSQL cannot store NUL in text.
                cases.add(new Case("body", "nul-in-text:" + field, operation,
                        base.apply(path).json(example.deepCopy().put(field, "text\u0000more").toString()), true));
            }
            if (constrained(type)) {
                for (String injection : injections) {
                    if (admits(type, injection)) {
                        continue; // e.g. "$ne" is a printable platform draft id: a valid one
                    }
                    JsonNode value = type.path("type").asText().equals("array")
                            ? JSON.createArrayNode().add(injection) : JSON.getNodeFactory().textNode(injection);
                    cases.add(new Case("injection", field + "=" + injection, operation,
                            base.apply(path).json(example.deepCopy().set(field, value).toString()), true));
                }
            }
        }
        return cases;
    }

    /** Whether a path segment, decoded, is a value the parameter's pattern admits. */
    private static boolean valid(OpenApi.Parameter parameter, String segment) {
        try {
            return admits(parameter.schema(), URLDecoder.decode(segment.replace("+", "%2B"), StandardCharsets.UTF_8));
        } catch (IllegalArgumentException undecodable) {
            return false;
        }
    }

    /** Whether a string schema with a pattern (and no format or enum) takes the value. */
    private static boolean admits(JsonNode schema, String value) {
        String pattern = schema.path("pattern").asText(null);
        return pattern != null && !schema.has("format") && !schema.has("enum") && java.util.regex.Pattern.matches(pattern, value)
                && value.length() <= schema.path("maxLength").asInt(Integer.MAX_VALUE);
    }

    /**
     * A string that must match a format, enum or pattern (or an array of such): where any
     * injection string is invalid. Not {@code \S}, the pattern OpenAPI shows for @NotBlank.
     */
    private static boolean constrained(JsonNode type) {
        JsonNode item = type.path("type").asText().equals("array") ? type.path("items") : type;
        return item.path("type").asText().equals("string")
                && (item.has("format") || item.has("enum") || item.has("pattern") && !item.get("pattern").asText().equals("\\S"));
    }

    private static JsonNode wrongType(JsonNode type) {
        return switch (type.path("type").asText("object")) {
            case "string" -> type.has("enum") || type.has("format") ? JSON.getNodeFactory().textNode("NOT-A-VALID-VALUE")
                    : JSON.createObjectNode().put("an", "object");
            case "integer", "number" -> JSON.getNodeFactory().textNode("many");
            case "boolean" -> JSON.getNodeFactory().textNode("maybe");
            case "array" -> JSON.getNodeFactory().textNode("not an array");
            default -> JSON.createArrayNode().add(1);
        };
    }

    private static JsonNode tooMany(JsonNode example, int count) {
        com.fasterxml.jackson.databind.node.ArrayNode items = JSON.createArrayNode();
        JsonNode item = example != null && example.size() > 0 ? example.get(0) : JSON.getNodeFactory().textNode("x");
        for (int i = 0; i < count; i++) {
            items.add(item.isTextual() && !item.asText().matches("[0-9a-f-]{36}") ? JSON.getNodeFactory().textNode(item.asText() + i) : item);
        }
        return items;
    }

    /** 4 KB is as long as a header may be here: past the HTTP server's 8 KB limit Vert.x answers a bare 431 (deploy/README.md). */
    private List<String> headerValues() {
        List<String> values = new ArrayList<>(injections.stream().filter(Corpus::headerSafe).toList());
        values.addAll(List.of("", " ", "a".repeat(4096), "-1", "99999999999999999999"));
        return values;
    }

    /** HTTP header values cannot carry control characters; those injection strings go in other positions. */
    private static boolean headerSafe(String value) {
        return value.chars().noneMatch(c -> c < 0x20 || c == 0x7F) && StandardCharsets.US_ASCII.newEncoder().canEncode(value);
    }

    static String fill(String template, Map<String, String> values) {
        String path = template;
        for (Map.Entry<String, String> value : values.entrySet()) {
            path = path.replace("{" + value.getKey() + "}", value.getValue());
        }
        return path;
    }

    /** {@code \r}, {@code \n} and {@code \u0000} in the files stand for those characters. */
    private static String unescape(String line) {
        return line.replace("\\r", "\r").replace("\\n", "\n").replace("\\u0000", "\u0000");
    }

    private static JsonNode read(String json) {
        try {
            return JSON.readTree(json);
        } catch (IOException e) {
            throw new IllegalArgumentException(json, e);
        }
    }

    private static List<String> lines(String file) {
        return new String(resource(file), StandardCharsets.UTF_8).lines().filter(line -> !line.isEmpty() && !line.startsWith("#")).toList();
    }

    private static byte[] resource(String file) {
        try (InputStream in = Corpus.class.getResourceAsStream("/bad-input/" + file)) {
            if (in == null) {
                throw new IllegalStateException("missing corpus file " + file);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
