package dev.likeness.system;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.likeness.devstack.Service;

/** The operations a running service documents in its OpenAPI document: what the suites enumerate. */
final class OpenApi {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final List<String> METHODS = List.of("get", "put", "post", "delete", "patch");

    /** A path, query or header parameter, with its schema. */
    record Parameter(String name, String in, JsonNode schema) {
    }

    /**
     * One operation. {@code secured}: it names a security requirement (a bearer token);
     * {@code bodyTypes} are the request body's media types (empty: no body), {@code bodySchema}
     * the JSON body's schema with references resolved, or null.
     */
    record Operation(Service service, String method, String path, boolean secured, List<Parameter> parameters,
                     List<String> bodyTypes, boolean bodyRequired, JsonNode bodySchema) {

        String key() {
            return service.database + " " + method + " " + path;
        }

        List<Parameter> in(String where) {
            return parameters.stream().filter(p -> p.in().equals(where)).toList();
        }
    }

    private OpenApi() {
    }

    static List<Operation> operations(Service service, String url) {
        JsonNode document = read(url + "/q/openapi?format=json");
        List<Operation> operations = new ArrayList<>();
        for (Iterator<Map.Entry<String, JsonNode>> paths = document.path("paths").fields(); paths.hasNext(); ) {
            Map.Entry<String, JsonNode> path = paths.next();
            for (String method : METHODS) {
                JsonNode operation = path.getValue().get(method);
                if (operation == null) {
                    continue;
                }
                List<Parameter> parameters = new ArrayList<>();
                for (JsonNode parameter : path.getValue().path("parameters")) {
                    parameters.add(new Parameter(parameter.path("name").asText(), parameter.path("in").asText(), parameter.path("schema")));
                }
                for (JsonNode parameter : operation.path("parameters")) {
                    parameters.add(new Parameter(parameter.path("name").asText(), parameter.path("in").asText(), parameter.path("schema")));
                }
                List<String> bodyTypes = new ArrayList<>();
                operation.path("requestBody").path("content").fieldNames().forEachRemaining(bodyTypes::add);
                JsonNode schema = operation.path("requestBody").path("content").path("application/json").path("schema");
                boolean secured = !operation.path("security").isEmpty() || !document.path("security").isEmpty();
                operations.add(new Operation(service, method.toUpperCase(java.util.Locale.ROOT), path.getKey(), secured, parameters,
                        bodyTypes, operation.path("requestBody").path("required").asBoolean(false),
                        schema.isMissingNode() ? null : resolve(document, schema)));
            }
        }
        return operations;
    }

    /** The schema with every {@code $ref} replaced by what it names (the documents have no cycles). */
    private static JsonNode resolve(JsonNode document, JsonNode schema) {
        if (schema.has("$ref")) {
            String[] parts = schema.get("$ref").asText().substring(2).split("/");
            JsonNode target = document;
            for (String part : parts) {
                target = target.path(part);
            }
            return resolve(document, target);
        }
        if (schema.isObject()) {
            com.fasterxml.jackson.databind.node.ObjectNode copy = JSON.createObjectNode();
            schema.fields().forEachRemaining(field -> copy.set(field.getKey(), resolve(document, field.getValue())));
            return copy;
        }
        if (schema.isArray()) {
            com.fasterxml.jackson.databind.node.ArrayNode copy = JSON.createArrayNode();
            schema.forEach(item -> copy.add(resolve(document, item)));
            return copy;
        }
        return schema;
    }

    private static JsonNode read(String url) {
        Http.Answer answer = Http.request("GET", url).header("Accept", "application/json").send();
        if (answer.status() != 200) {
            throw new IllegalStateException(url + " answered " + answer.status());
        }
        try {
            return JSON.readTree(answer.body());
        } catch (IOException e) {
            throw new IllegalStateException(url + " is not JSON", e);
        }
    }
}
