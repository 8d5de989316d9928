package dev.likeness.system;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.apache.kafka.clients.admin.NewTopic;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;

import dev.likeness.devstack.Topics;

/**
 * The parts of deploy/kubernetes made from the platform's other sources, so that they cannot drift: a KafkaTopic for
 * each line of deploy/kafka/topics.conf, and the KeycloakRealmImport of deploy/keycloak/likeness-realm.json without
 * what only the local stack may have (its people, who sign in with their names as passwords, and the password-grant
 * client {@code likeness-test}).
 */
final class KubernetesGenerated {

    static final String TOPICS = "deploy/kubernetes/base/kafka/topics.yaml";
    static final String REALM_IMPORT = "deploy/kubernetes/base/keycloak/realm-import.yaml";
    /** The console's address in the base; an overlay replaces it with its own (overlays/production). */
    static final String CONSOLE_REDIRECT = "https://console.likeness.example/*";
    static final String CLIENT_SECRETS = "likeness-client-secrets";

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory()
            .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
            .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES)
            .enable(YAMLGenerator.Feature.INDENT_ARRAYS_WITH_INDICATOR));
    private static final Pattern PLACEHOLDER = Pattern.compile("\\$\\{(LIKENESS_[A-Z0-9_]+)}");

    private KubernetesGenerated() {
    }

    /** Each generated file (repository-relative) and the text it must have. */
    static Map<String, String> files(Path repository) {
        return Map.of(TOPICS, topics(Topics.definitions()), REALM_IMPORT, realmImport(repository));
    }

    private static String topics(List<NewTopic> topics) {
        StringBuilder yaml = new StringBuilder("""
                # Generated from deploy/kafka/topics.conf by KubernetesManifestsTest: edit topics.conf, then run the test
                # with -Dkubernetes.update=true (deploy/kubernetes/README.md). Every topic has three replicas and takes a
                # write once two have it, as the broker defaults in kafka.yaml say; Strimzi's topic operator creates them.
                """);
        for (NewTopic topic : topics) {
            yaml.append("---\n")
                    .append("apiVersion: kafka.strimzi.io/v1\n")
                    .append("kind: KafkaTopic\n")
                    .append("metadata:\n")
                    .append("  name: ").append(topic.name()).append('\n')
                    .append("  labels:\n")
                    .append("    strimzi.io/cluster: likeness\n")
                    .append("spec:\n")
                    .append("  topicName: ").append(topic.name()).append('\n')
                    .append("  partitions: ").append(topic.numPartitions()).append('\n')
                    .append("  replicas: 3\n")
                    .append("  config:\n")
                    .append("    min.insync.replicas: 2\n");
            topic.configs().forEach((name, value) -> yaml.append("    ").append(name).append(": ")
                    .append(value.matches("\\d+") ? value : "\"" + value + "\"").append('\n'));
        }
        return yaml.toString();
    }

    private static String realmImport(Path repository) {
        try {
            ObjectNode realm = (ObjectNode) JSON.readTree(repository.resolve("deploy/keycloak/likeness-realm.json").toFile());
            ArrayNode users = (ArrayNode) realm.get("users");
            // Service accounts stay: they hold the roles the services' clients act with.
            for (int i = users.size() - 1; i >= 0; i--) {
                if (!users.get(i).has("serviceAccountClientId")) {
                    users.remove(i);
                }
            }
            ArrayNode clients = (ArrayNode) realm.get("clients");
            for (int i = clients.size() - 1; i >= 0; i--) {
                if (clients.get(i).get("clientId").asText().equals("likeness-test")) {
                    clients.remove(i);
                }
            }
            for (JsonNode client : clients) {
                if (client.get("clientId").asText().equals("likeness-console")) {
                    ((ObjectNode) client).putArray("redirectUris").add(CONSOLE_REDIRECT);
                }
            }

            ObjectNode document = JsonNodeFactory.instance.objectNode();
            document.put("apiVersion", "k8s.keycloak.org/v2alpha1").put("kind", "KeycloakRealmImport");
            document.putObject("metadata").put("name", "likeness");
            ObjectNode spec = document.putObject("spec");
            spec.put("keycloakCRName", "keycloak");
            ObjectNode placeholders = spec.putObject("placeholders");
            Matcher placeholder = PLACEHOLDER.matcher(realm.toString());
            new TreeSet<>(placeholder.results().map(m -> m.group(1)).toList()).forEach(name ->
                    placeholders.putObject(name).putObject("secret").put("name", CLIENT_SECRETS).put("key", name));
            spec.set("realm", realm);

            String yaml = YAML.writeValueAsString(document);
            if (!YAML.readTree(yaml).equals(document)) {
                throw new IllegalStateException("the realm import does not read back as it was written");
            }
            return """
                    # Generated from deploy/keycloak/likeness-realm.json by KubernetesManifestsTest: edit the realm there, then
                    # run the test with -Dkubernetes.update=true (deploy/kubernetes/README.md). Left out: the local stack's
                    # people and the password-grant client likeness-test; the console's redirect is its public address (the
                    # overlay's). Client secrets replace the realm's ${LIKENESS_...} placeholders from the Secret
                    # likeness-client-secrets (make-secrets.sh).
                    """ + yaml;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
