package dev.likeness.system;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.apache.kafka.clients.admin.NewTopic;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;

import dev.likeness.devstack.Topics;

/**
 * deploy/kubernetes without a cluster: the base and the production overlay rendered by kustomize, every document valid
 * against the vendored Kubernetes and operator schemas, the generated parts in step with their sources, and what a
 * reviewer of a production deployment looks for (probes, limits, security contexts, secrets only as references,
 * network policies, replication). Nothing here is applied to a cluster.
 */
class KubernetesManifestsTest {

    private static final Path REPOSITORY = Path.of("..", "..");
    private static final Path KUBERNETES = REPOSITORY.resolve("deploy/kubernetes");
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    private static final List<String> APPLICATIONS = List.of("identity-service", "consent-service", "notification-service", "web-console");
    private static final List<String> DATABASES = List.of("identity", "consent", "notification", "keycloak");
    private static final Set<String> SECRET_WORDS = Set.of("PASSWORD", "SECRET", "KEY");
    private static final Pattern MADE_BY_MAKE_SECRETS = Pattern.compile("(?m)^\\s*(?:secret|key)\\s+([A-Z][A-Z0-9_]*)\\s*$");

    private static List<JsonNode> base;
    private static List<JsonNode> production;
    private static KubernetesSchemas schemas;

    @BeforeAll
    static void render() throws IOException {
        if (Boolean.getBoolean("kubernetes.update")) {
            // Before rendering: kustomize reads the generated files.
            for (Map.Entry<String, String> generated : KubernetesGenerated.files(REPOSITORY).entrySet()) {
                Files.writeString(REPOSITORY.resolve(generated.getKey()), generated.getValue());
            }
        }
        base = Kustomize.build(KUBERNETES.resolve("base"));
        production = Kustomize.build(KUBERNETES.resolve("overlays/production"));
        schemas = new KubernetesSchemas(KUBERNETES.resolve("schema"));
    }

    /** The KafkaTopics and the realm import are made from topics.conf and the realm; -Dkubernetes.update=true rewrites them. */
    @Test
    void theGeneratedManifestsAreThoseTheirSourcesMake() throws IOException {
        for (Map.Entry<String, String> generated : KubernetesGenerated.files(REPOSITORY).entrySet()) {
            Path file = REPOSITORY.resolve(generated.getKey());
            assertEquals(generated.getValue(), Files.exists(file) ? Files.readString(file) : "", generated.getKey()
                    + " is not what its source makes: run KubernetesManifestsTest with -Dkubernetes.update=true and review the diff");
        }
    }

    @Test
    void everyRenderedDocumentIsValidAgainstItsSchema() {
        for (Map.Entry<String, List<JsonNode>> rendering : renderings().entrySet()) {
            List<String> problems = new ArrayList<>();
            for (JsonNode document : rendering.getValue()) {
                schemas.problems(document).forEach(problem -> problems.add(describe(document) + ": " + problem));
            }
            assertTrue(problems.isEmpty(), rendering.getKey() + ":\n" + String.join("\n", problems));
        }
        assertTrue(production.size() > 50, "the production overlay renders the whole platform: " + production.size());
    }

    /** The validation is no formality: a misspelled field or a wrong type, in a built-in kind or a custom resource, fails it. */
    @Test
    void aMisspelledFieldOrAWrongTypeFailsValidation() {
        assertRefused("Deployment", "identity-service", d -> container(d).put("imagePullPolcy", "Always"), "imagePullPolcy");
        assertRefused("Deployment", "consent-service", d -> ((ObjectNode) d.get("spec")).put("revisionHistoryLimit", "five"),
                "revisionHistoryLimit");
        assertRefused("Kafka", "likeness", d -> ((ObjectNode) d.at("/spec/kafka")).put("replicas", 3), "replicas");
        assertRefused("Cluster", "identity-db", d -> ((ObjectNode) d.get("spec")).put("instance", 3), "instance");
        assertRefused("Cluster", "consent-db", d -> ((ObjectNode) d.get("spec")).put("instances", "three"), "instances");
        assertRefused("KeycloakRealmImport", "likeness",
                d -> ((ObjectNode) d.at("/spec/realm/clients/0")).putArray("redirectUri").add("https://example.com/*"), "redirectUri");
        assertRefused("ServiceMonitor", "web-console", d -> ((ObjectNode) d.at("/spec/endpoints/0")).put("paht", "/q/metrics"), "paht");
    }

    @Test
    void aKindWithNoSchemaIsRefused() throws IOException {
        JsonNode unknown = YAML.readTree("{apiVersion: example.com/v1, kind: Widget, metadata: {name: w}}");
        assertEquals(List.of("no schema for example.com/v1 Widget in deploy/kubernetes/schema"), schemas.problems(unknown));
        JsonNode oldApi = YAML.readTree("{apiVersion: policy/v1beta1, kind: PodDisruptionBudget, metadata: {name: p}}");
        assertFalse(schemas.problems(oldApi).isEmpty(), "an API version Kubernetes 1.34 no longer serves");
    }

    @Test
    void everyApplicationHasItsDeploymentServiceAutoscalerBudgetPolicyMonitorAndConfiguration() {
        for (Map.Entry<String, List<JsonNode>> rendering : renderings().entrySet()) {
            for (String application : APPLICATIONS) {
                String where = rendering.getKey() + " " + application;
                List<JsonNode> documents = rendering.getValue();
                JsonNode deployment = find(documents, "Deployment", application);
                JsonNode podLabels = deployment.at("/spec/template/metadata/labels");
                assertTrue(selects(deployment.at("/spec/selector/matchLabels"), podLabels), where + ": the Deployment's selector");

                JsonNode service = find(documents, "Service", application);
                assertTrue(selects(service.at("/spec/selector"), podLabels), where + ": the Service selects the pods");
                assertEquals(Set.of("http", "management"), names(service.at("/spec/ports")), where + ": Service ports");
                assertEquals(9000, port(service, "management").get("port").asInt(), where + ": metrics on 9000");

                JsonNode autoscaler = find(documents, "HorizontalPodAutoscaler", application);
                assertEquals("Deployment/" + application, autoscaler.at("/spec/scaleTargetRef/kind").asText() + "/"
                        + autoscaler.at("/spec/scaleTargetRef/name").asText(), where + ": the autoscaler scales the Deployment");
                assertEquals("cpu", autoscaler.at("/spec/metrics/0/resource/name").asText(), where + ": scales on CPU");
                assertTrue(autoscaler.at("/spec/minReplicas").asInt() >= 2, where + ": at least two instances");
                assertTrue(deployment.at("/spec/replicas").isMissingNode(), where + ": the autoscaler alone sets replicas");

                JsonNode budget = find(documents, "PodDisruptionBudget", application);
                assertTrue(selects(budget.at("/spec/selector/matchLabels"), podLabels), where + ": the budget covers the pods");

                JsonNode monitor = find(documents, "ServiceMonitor", application);
                assertTrue(selects(monitor.at("/spec/selector/matchLabels"), service.at("/metadata/labels")), where + ": monitors the Service");
                assertEquals("management /q/metrics", monitor.at("/spec/endpoints/0/port").asText() + " "
                        + monitor.at("/spec/endpoints/0/path").asText(), where + ": scrapes the management port");

                JsonNode policy = find(documents, "NetworkPolicy", application);
                assertTrue(selects(policy.at("/spec/podSelector/matchLabels"), podLabels), where + ": the NetworkPolicy selects its pods");
                assertEquals(Set.of("Ingress", "Egress"), texts(policy.at("/spec/policyTypes")), where + ": policy types");

                String configMap = container(deployment).at("/envFrom/0/configMapRef/name").asText();
                assertTrue(configMap.startsWith(application + "-config"), where + ": configured from its ConfigMap");
                find(documents, "ConfigMap", configMap);
            }
        }
    }

    @Test
    void everyDeploymentIsProbedOnTheManagementPortLimitedAndLockedDown() {
        for (Map.Entry<String, List<JsonNode>> rendering : renderings().entrySet()) {
            for (JsonNode deployment : all(rendering.getValue(), "Deployment")) {
                String where = rendering.getKey() + " " + deployment.at("/metadata/name").asText();
                JsonNode pod = deployment.at("/spec/template/spec");
                JsonNode container = container(deployment);
                assertEquals(1, pod.get("containers").size(), where + ": one container");
                for (String[] probe : new String[][] {{"startupProbe", "/q/health/started"}, {"readinessProbe", "/q/health/ready"},
                        {"livenessProbe", "/q/health/live"}}) {
                    assertEquals(probe[1] + " 9000", container.at("/" + probe[0] + "/httpGet/path").asText() + " "
                            + container.at("/" + probe[0] + "/httpGet/port").asText(), where + ": " + probe[0]);
                }
                for (String resource : List.of("requests/cpu", "requests/memory", "limits/cpu", "limits/memory")) {
                    assertFalse(container.at("/resources/" + resource).asText().isEmpty(), where + ": resources " + resource);
                }
                assertEquals("true 185 RuntimeDefault", pod.at("/securityContext/runAsNonRoot").asText() + " "
                        + pod.at("/securityContext/runAsUser").asText() + " " + pod.at("/securityContext/seccompProfile/type").asText(),
                        where + ": pod security context");
                JsonNode security = container.get("securityContext");
                assertEquals("true 185 false true [\"ALL\"] RuntimeDefault", security.path("runAsNonRoot").asText() + " "
                        + security.path("runAsUser").asText() + " " + security.path("allowPrivilegeEscalation").asText() + " "
                        + security.path("readOnlyRootFilesystem").asText() + " " + security.at("/capabilities/drop") + " "
                        + security.at("/seccompProfile/type").asText(), where + ": container security context");
                JsonNode tmp = entry(container.get("volumeMounts"), "mountPath", "/tmp");
                assertTrue(entry(pod.get("volumes"), "name", tmp.get("name").asText()).has("emptyDir"), where + ": /tmp is an emptyDir");
                assertEquals("kubernetes.io/hostname", pod.at("/topologySpreadConstraints/0/topologyKey").asText(),
                        where + ": instances spread over nodes");
                assertEquals(9000, entry(container.get("ports"), "name", "management").get("containerPort").asInt(), where);
            }
        }
    }

    /** Secrets never appear in the manifests: a variable named for one is a reference to a Secret the operator creates. */
    @Test
    void noManifestHoldsASecret() {
        for (Map.Entry<String, List<JsonNode>> rendering : renderings().entrySet()) {
            assertTrue(all(rendering.getValue(), "Secret").isEmpty(), rendering.getKey() + ": no Secret in the manifests");
            for (JsonNode deployment : all(rendering.getValue(), "Deployment")) {
                for (JsonNode variable : container(deployment).path("env")) {
                    String name = variable.get("name").asText();
                    if (secretName(name)) {
                        assertTrue(variable.at("/valueFrom/secretKeyRef").isObject(), rendering.getKey() + " "
                                + describe(deployment) + ": " + name + " must come from a Secret, not " + variable);
                    }
                }
            }
            for (JsonNode configMap : all(rendering.getValue(), "ConfigMap")) {
                configMap.path("data").fieldNames().forEachRemaining(key -> assertFalse(secretName(key),
                        describe(configMap) + " holds " + key + ", a secret: it belongs in a Secret"));
            }
        }
    }

    /** The console takes its public https:// address from the Ingress' forwarded headers, for Keycloak's redirect. */
    private static final Map<String, Set<String>> BEHIND_THE_INGRESS = Map.of("web-console",
            Set.of("QUARKUS_HTTP_PROXY_PROXY_ADDRESS_FORWARDING", "QUARKUS_HTTP_PROXY_ENABLE_FORWARDED_HOST"));

    /**
     * The variables compose.yaml gives each application, and those it needs behind the Ingress (compose publishes
     * the console itself), all of them declared by the application.
     */
    @Test
    void eachApplicationGetsTheConfigurationComposeGivesItAllDeclared() throws IOException {
        JsonNode compose = YAML.readTree(REPOSITORY.resolve("deploy/compose/compose.yaml").toFile());
        for (String application : APPLICATIONS) {
            DeclaredConfiguration declared = DeclaredConfiguration.of(REPOSITORY, application);
            Set<String> given = environment(production, application);
            for (String name : given) {
                assertTrue(declared.accepts(name), application + " declares no configuration key for " + name);
            }
            Set<String> composed = new TreeSet<>();
            compose.at("/services/" + application + "/environment").fieldNames().forEachRemaining(composed::add);
            composed.addAll(BEHIND_THE_INGRESS.getOrDefault(application, Set.of()));
            assertEquals(composed, given, application + ": the same variables as in compose.yaml");
        }
    }

    @Test
    void everyTopicOfTopicsConfHasAKafkaTopicWithThreeReplicasAndMinInSyncTwo() {
        List<NewTopic> topics = Topics.definitions();
        assertTrue(topics.size() >= 9, "topics.conf lists the topics");
        for (NewTopic topic : topics) {
            JsonNode kafkaTopic = all(production, "KafkaTopic").stream()
                    .filter(t -> t.at("/spec/topicName").asText().equals(topic.name())).findFirst()
                    .orElseThrow(() -> new AssertionError("no KafkaTopic for " + topic.name()));
            assertEquals(topic.numPartitions(), kafkaTopic.at("/spec/partitions").asInt(), topic.name());
            assertEquals(3, kafkaTopic.at("/spec/replicas").asInt(), topic.name());
            assertEquals("2", kafkaTopic.at("/spec/config/min.insync.replicas").asText(), topic.name());
            topic.configs().forEach((name, value) ->
                    assertEquals(value, kafkaTopic.at("/spec/config").path(name).asText(), topic.name() + " " + name));
            assertEquals("likeness", kafkaTopic.at("/metadata/labels/strimzi.io~1cluster").asText(), topic.name());
        }
    }

    @Test
    void kafkaHasThreeBrokersAndReplicatesEverythingThrice() {
        JsonNode kafka = find(production, "Kafka", "likeness");
        int brokers = 0;
        int controllers = 0;
        for (JsonNode pool : all(production, "KafkaNodePool")) {
            assertEquals("likeness", pool.at("/metadata/labels/strimzi.io~1cluster").asText(), describe(pool));
            assertEquals("persistent-claim", pool.at("/spec/storage/volumes/0/type").asText(), describe(pool) + ": persistent");
            Set<String> roles = texts(pool.at("/spec/roles"));
            brokers += roles.contains("broker") ? pool.at("/spec/replicas").asInt() : 0;
            controllers += roles.contains("controller") ? pool.at("/spec/replicas").asInt() : 0;
        }
        assertEquals(3, brokers, "brokers");
        assertEquals(3, controllers, "KRaft controllers");
        JsonNode config = kafka.at("/spec/kafka/config");
        Map<String, String> expected = Map.of("default.replication.factor", "3", "min.insync.replicas", "2",
                "offsets.topic.replication.factor", "3", "transaction.state.log.replication.factor", "3",
                "transaction.state.log.min.isr", "2", "auto.create.topics.enable", "false");
        expected.forEach((name, value) -> assertEquals(value, config.path(name).asText(), "Kafka " + name));
        assertEquals("likeness-kafka-bootstrap:9092", configMap(production, "identity-service").get("KAFKA_BOOTSTRAP_SERVERS"));
    }

    @Test
    void eachDatabaseIsAThreeInstanceClusterOwnedByItsService() {
        for (String database : DATABASES) {
            JsonNode cluster = find(production, "Cluster", database + "-db");
            assertEquals(3, cluster.at("/spec/instances").asInt(), database);
            assertEquals(database + " " + database, cluster.at("/spec/bootstrap/initdb/database").asText() + " "
                    + cluster.at("/spec/bootstrap/initdb/owner").asText(), database + ": database and owner as compose has them");
            assertTrue(cluster.at("/spec/imageName").asText().contains(":18."), database + ": PostgreSQL 18");
            assertEquals("volumeSnapshot", all(production, "ScheduledBackup").stream()
                    .filter(b -> b.at("/spec/cluster/name").asText().equals(database + "-db")).findFirst()
                    .orElseThrow(() -> new AssertionError("no ScheduledBackup of " + database)).at("/spec/method").asText());
            assertTrue(cluster.at("/spec/backup/volumeSnapshot/className").isTextual(), database + ": snapshots configured");
        }
        for (String application : List.of("identity-service", "consent-service", "notification-service")) {
            String database = application.replace("-service", "");
            assertTrue(configMap(production, application).get("QUARKUS_DATASOURCE_REACTIVE_URL")
                    .equals("postgresql://" + database + "-db-rw:5432/" + database), application + " uses its cluster's primary");
        }
    }

    /** Each application reaches only what it needs: its database, Kafka, Keycloak (and the console the services). */
    @Test
    void eachNetworkPolicyLetsItsApplicationReachOnlyWhatItNeeds() {
        Map<String, Set<Integer>> egress = Map.of(
                "identity-service", Set.of(5432, 9092, 8080, 53),
                "consent-service", Set.of(5432, 9092, 8080, 53),
                "notification-service", Set.of(5432, 9092, 8080, 53, 443),
                "web-console", Set.of(8081, 8082, 8083, 8080, 53));
        for (String application : APPLICATIONS) {
            JsonNode policy = find(production, "NetworkPolicy", application);
            Set<Integer> ports = new TreeSet<>();
            for (JsonNode rule : policy.at("/spec/egress")) {
                assertTrue(rule.path("to").size() > 0, application + ": every egress rule names its peers: " + rule);
                rule.path("ports").forEach(port -> ports.add(port.get("port").asInt()));
            }
            assertEquals(new TreeSet<>(egress.get(application)), ports, application + ": egress ports");
            if (!application.equals("web-console")) {
                String database = application.replace("-service", "") + "-db";
                assertEquals(database, rulesTo(policy, 5432).at("/to/0/podSelector/matchLabels/cnpg.io~1cluster").asText(),
                        application + " reaches its own database only");
                assertEquals("likeness", rulesTo(policy, 9092).at("/to/0/podSelector/matchLabels/strimzi.io~1cluster").asText());
            }
            Set<Integer> inbound = new TreeSet<>();
            policy.at("/spec/ingress").forEach(rule -> rule.path("ports").forEach(port -> inbound.add(port.get("port").asInt())));
            int http = find(production, "Service", application).at("/spec/ports/0/port").asInt();
            assertEquals(new TreeSet<>(Set.of(http, 9000)), inbound, application + ": in on its HTTP port and 9000 only");
        }
    }

    /** The hostnames of the production overlay agree: the Ingress, Keycloak's issuer, the console's redirect. */
    @Test
    void productionServesEveryHostOverTlsAndSignsInOnTheConsolesHost() {
        JsonNode ingress = find(production, "Ingress", "likeness");
        Set<String> tlsHosts = texts(ingress.at("/spec/tls/0/hosts"));
        assertFalse(ingress.at("/spec/tls/0/secretName").asText().isEmpty(), "TLS from a Secret");
        Map<String, String> backends = new TreeMap<>();
        for (JsonNode rule : ingress.at("/spec/rules")) {
            String host = rule.get("host").asText();
            assertTrue(tlsHosts.contains(host), host + " is served over TLS");
            for (JsonNode path : rule.at("/http/paths")) {
                String service = path.at("/backend/service/name").asText();
                if (!service.equals("keycloak-service")) { // the Keycloak operator's Service
                    find(production, "Service", service);
                }
                backends.put(host, service);
            }
        }
        String keycloakHost = find(production, "Keycloak", "keycloak").at("/spec/hostname/hostname").asText();
        assertTrue(keycloakHost.startsWith("https://"), "Keycloak's issuer is its https address");
        assertEquals("keycloak-service", backends.get(keycloakHost.substring("https://".length())), "the Ingress routes Keycloak's host");

        JsonNode realm = find(production, "KeycloakRealmImport", "likeness").at("/spec/realm");
        JsonNode console = entry(realm.get("clients"), "clientId", "likeness-console");
        String redirect = console.at("/redirectUris/0").asText();
        assertEquals(1, console.get("redirectUris").size(), "one redirect for the console");
        assertEquals("web-console", backends.get(redirect.replaceFirst("^https://", "").replaceFirst("/\\*$", "")),
                "the console's redirect " + redirect + " is the Ingress host of the web console");

        assertTrue(texts(realm.get("clients"), "clientId").stream().noneMatch(id -> id.equals("likeness-test")), "no likeness-test");
        realm.get("users").forEach(user -> assertTrue(user.has("serviceAccountClientId"), "only service accounts: " + user.get("username")));

        for (JsonNode deployment : all(production, "Deployment")) {
            String image = container(deployment).get("image").asText();
            assertTrue(image.matches("[a-z0-9.-]+\\.[a-z]+/.+:[^:]*\\d[^:]*"), describe(deployment) + ": a pinned image from a registry: " + image);
        }
        all(production, null).stream().filter(document -> !document.get("kind").asText().equals("Namespace")).forEach(document ->
                assertEquals("likeness", document.at("/metadata/namespace").asText(), describe(document) + ": in the namespace"));
    }

    /** make-secrets.sh creates exactly the Secrets and keys the manifests reference, each 256 random bits, never twice. */
    @Test
    void makeSecretsCreatesEveryReferencedSecretAndNeverReplacesOne(@TempDir Path dir) throws Exception {
        Map<String, Set<String>> referenced = new TreeMap<>();
        for (JsonNode deployment : all(production, "Deployment")) {
            for (JsonNode variable : container(deployment).path("env")) {
                JsonNode reference = variable.at("/valueFrom/secretKeyRef");
                String name = reference.get("name").asText();
                if (!name.endsWith("-db-app")) {
                    referenced.computeIfAbsent(name, n -> new TreeSet<>()).add(reference.get("key").asText());
                }
            }
        }
        find(production, "KeycloakRealmImport", "likeness").at("/spec/placeholders").forEach(placeholder ->
                referenced.computeIfAbsent(placeholder.at("/secret/name").asText(), n -> new TreeSet<>())
                        .add(placeholder.at("/secret/key").asText()));

        Path kubectl = dir.resolve("kubectl");
        Files.writeString(kubectl, """
                #!/bin/sh
                # A stand-in for kubectl: "get" finds the Secrets listed in ./existing, "create" writes stdin to ./<name>.
                cd "$(dirname "$0")"
                case "$*" in
                    *" get secret "*) grep -qx "$5" existing 2>/dev/null ;;
                    *" create secret generic "*) cat > "$6.created" ;;
                    *) exit 2 ;;
                esac
                """);
        Files.setPosixFilePermissions(kubectl, PosixFilePermissions.fromString("rwx------"));
        assertEquals(0, makeSecrets(dir), "make-secrets.sh into an empty namespace");
        Map<String, Set<String>> created = new TreeMap<>();
        Set<String> values = new TreeSet<>();
        for (String secret : referenced.keySet()) {
            Properties written = new Properties();
            written.load(Files.newBufferedReader(dir.resolve(secret + ".created")));
            created.put(secret, new TreeSet<>(written.stringPropertyNames()));
            for (String key : written.stringPropertyNames()) {
                String value = written.getProperty(key);
                assertTrue(value.length() >= 43 && values.add(value), key + ": 256 random bits of its own");
                if (key.endsWith("_ENCRYPTION_KEY")) {
                    assertEquals(32, Base64.getDecoder().decode(value).length, key + " is an AES-256 key");
                }
            }
        }
        assertEquals(referenced, created, "make-secrets.sh creates what the manifests reference");

        Files.writeString(dir.resolve("existing"), String.join("\n", referenced.keySet()) + "\n");
        for (String secret : referenced.keySet()) {
            Files.delete(dir.resolve(secret + ".created"));
        }
        assertNotEquals(0, makeSecrets(dir), "make-secrets.sh must refuse to replace a Secret");
        for (String secret : referenced.keySet()) {
            assertFalse(Files.exists(dir.resolve(secret + ".created")), secret + " is not created again");
        }
        Matcher listed = MADE_BY_MAKE_SECRETS.matcher(Files.readString(KUBERNETES.resolve("make-secrets.sh")));
        Set<String> keys = referenced.values().stream().flatMap(Set::stream).collect(Collectors.toCollection(TreeSet::new));
        Set<String> made = listed.results().map(m -> m.group(1)).collect(Collectors.toCollection(TreeSet::new));
        assertEquals(keys, made, "make-secrets.sh lists each key as `secret NAME` or `key NAME`");
    }

    private static int makeSecrets(Path kubectlDirectory) throws IOException, InterruptedException {
        ProcessBuilder builder = new ProcessBuilder("sh", KUBERNETES.resolve("make-secrets.sh").toString(), "likeness")
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD);
        builder.environment().put("PATH", kubectlDirectory + ":" + System.getenv("PATH"));
        Process process = builder.start();
        assertTrue(process.waitFor(30, TimeUnit.SECONDS), "make-secrets.sh finished");
        return process.exitValue();
    }

    private static void assertRefused(String kind, String name, Consumer<JsonNode> change, String field) {
        JsonNode document = find(production, kind, name).deepCopy();
        assertTrue(schemas.problems(document).isEmpty(), kind + " " + name + " is valid before the change");
        change.accept(document);
        List<String> problems = schemas.problems(document);
        assertFalse(problems.isEmpty(), kind + " " + name + ": the change of " + field + " passed validation");
        assertTrue(problems.stream().anyMatch(p -> p.contains(field)), kind + ": the problem names " + field + ": " + problems);
    }

    private static Map<String, List<JsonNode>> renderings() {
        return Map.of("base", base, "production", production);
    }

    /** The variables a Deployment's container gets: its env and its ConfigMap's keys. */
    private static Set<String> environment(List<JsonNode> documents, String application) {
        Set<String> names = new TreeSet<>(configMap(documents, application).keySet());
        container(find(documents, "Deployment", application)).path("env").forEach(v -> names.add(v.get("name").asText()));
        return names;
    }

    private static Map<String, String> configMap(List<JsonNode> documents, String application) {
        String name = container(find(documents, "Deployment", application)).at("/envFrom/0/configMapRef/name").asText();
        Map<String, String> data = new TreeMap<>();
        find(documents, "ConfigMap", name).path("data").properties().forEach(e -> data.put(e.getKey(), e.getValue().asText()));
        return data;
    }

    private static boolean secretName(String variable) {
        return Arrays.stream(variable.split("_")).anyMatch(SECRET_WORDS::contains);
    }

    private static JsonNode rulesTo(JsonNode policy, int port) {
        for (JsonNode rule : policy.at("/spec/egress")) {
            for (JsonNode p : rule.path("ports")) {
                if (p.get("port").asInt() == port) {
                    return rule;
                }
            }
        }
        throw new AssertionError(describe(policy) + " has no egress rule to port " + port);
    }

    private static ObjectNode container(JsonNode deployment) {
        return (ObjectNode) deployment.at("/spec/template/spec/containers/0");
    }

    private static boolean selects(JsonNode selector, JsonNode labels) {
        if (!selector.isObject() || selector.isEmpty()) {
            return false;
        }
        for (Map.Entry<String, JsonNode> label : selector.properties()) {
            if (!label.getValue().equals(labels.path(label.getKey()))) {
                return false;
            }
        }
        return true;
    }

    private static JsonNode port(JsonNode service, String name) {
        return entry(service.at("/spec/ports"), "name", name);
    }

    private static JsonNode entry(JsonNode array, String field, String value) {
        for (JsonNode item : array) {
            if (item.path(field).asText().equals(value)) {
                return item;
            }
        }
        throw new AssertionError("no entry with " + field + " " + value + " in " + array);
    }

    private static Set<String> names(JsonNode array) {
        return texts(array, "name");
    }

    private static Set<String> texts(JsonNode array, String field) {
        Set<String> texts = new TreeSet<>();
        array.forEach(item -> texts.add(item.path(field).asText()));
        return texts;
    }

    private static Set<String> texts(JsonNode array) {
        Set<String> texts = new TreeSet<>();
        array.forEach(item -> texts.add(item.asText()));
        return texts;
    }

    /** The documents of a kind (all with {@code null}). */
    private static List<JsonNode> all(List<JsonNode> documents, String kind) {
        return documents.stream().filter(d -> kind == null || d.path("kind").asText().equals(kind)).toList();
    }

    /** The document of a kind and name ({@code null}: any name); fails when there is none. */
    private static JsonNode find(List<JsonNode> documents, String kind, String name) {
        return all(documents, kind).stream().filter(d -> name == null || d.at("/metadata/name").asText().equals(name)).findFirst()
                .orElseThrow(() -> new AssertionError("no " + kind + " " + name));
    }

    private static String describe(JsonNode document) {
        return document.path("kind").asText() + " " + document.at("/metadata/name").asText();
    }
}
