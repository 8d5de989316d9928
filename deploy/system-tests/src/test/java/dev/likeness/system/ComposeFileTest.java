package dev.likeness.system;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;

/**
 * deploy/compose/compose.yaml without a container engine: valid against the Compose Specification's
 * schema (vendored in deploy/compose/schema), its variables all made by make-env.sh, and each
 * application given only configuration it declares.
 */
class ComposeFileTest {

    private static final Path REPOSITORY = Path.of("..", "..");
    private static final Path COMPOSE = REPOSITORY.resolve("deploy/compose");
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    /** {@code ${NAME}}, {@code ${NAME:-default}}, {@code ${NAME:?error}}; {@code $${...}} is a literal. */
    private static final Pattern VARIABLE = Pattern.compile("(?<!\\$)\\$\\{([A-Za-z_][A-Za-z0-9_]*)(:?[-?+])?[^}]*}");
    private static final Pattern MADE_BY_MAKE_ENV = Pattern.compile("(?m)^\\s*(?:secret|key)\\s+([A-Z][A-Z0-9_]*)\\s*$");

    @Test
    void theComposeFileIsValidAgainstTheComposeSpecification() throws IOException {
        Set<ValidationMessage> errors = schema().validate(compose());
        assertTrue(errors.isEmpty(), "compose.yaml does not match the Compose Specification: " + errors);
    }

    /** The schema is strict enough to catch what a typo does: a field Compose does not know, a condition it has not. */
    @Test
    void aMisspelledFieldOrAnUnknownConditionIsRefused() throws IOException {
        JsonNode wrongField = compose();
        ((ObjectNode) wrongField.at("/services/kafka")).put("healthcheck_interval", "10s");
        assertFalse(schema().validate(wrongField).isEmpty(), "an unknown service field passed the schema");

        JsonNode wrongCondition = compose();
        ((ObjectNode) wrongCondition.at("/services/identity-service/depends_on/keycloak")).put("condition", "service_ready");
        assertFalse(schema().validate(wrongCondition).isEmpty(), "an unknown depends_on condition passed the schema");
    }

    @Test
    void everyVariableIsMadeByMakeEnvOrHasADefault() throws IOException {
        Set<String> made = madeByMakeEnv();
        List<String> texts = new ArrayList<>();
        texts(compose(), texts);
        int used = 0;
        for (String text : texts) {
            Matcher variable = VARIABLE.matcher(text);
            while (variable.find()) {
                used++;
                boolean hasDefault = variable.group(2) != null && variable.group(2).endsWith("-");
                assertTrue(hasDefault || made.contains(variable.group(1)),
                        "${" + variable.group(1) + "} is neither written by make-env.sh nor given a default");
            }
        }
        assertTrue(used > 10, "compose.yaml takes its secrets from variables");
    }

    /** Every key and scalar of the document: where Compose interpolates (comments it does not read). */
    private static void texts(JsonNode node, List<String> texts) {
        if (node.isValueNode()) {
            texts.add(node.asText());
        }
        for (Map.Entry<String, JsonNode> field : node.properties()) {
            texts.add(field.getKey());
            texts(field.getValue(), texts);
        }
        if (node.isArray()) {
            node.forEach(item -> texts(item, texts));
        }
    }

    @Test
    void makeEnvWritesEverySecretOnceAndNeverOverwritesTheFile(@TempDir Path dir) throws Exception {
        Path env = dir.resolve(".env");
        assertEquals(0, makeEnv(env), "make-env.sh into an empty directory");
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(env)));
        Properties written = properties(env);
        assertEquals(madeByMakeEnv(), new TreeSet<>(written.stringPropertyNames()));
        Set<String> values = new LinkedHashSet<>();
        for (String name : written.stringPropertyNames()) {
            String value = written.getProperty(name);
            assertTrue(value.length() >= 43 && values.add(value), name + ": 256 random bits, its own: " + value.length());
        }
        for (String key : List.of("LIKENESS_BIOMETRICS_KEY_ENCRYPTION_KEY", "LIKENESS_CONSENT_TOKEN_KEY_ENCRYPTION_KEY",
                "LIKENESS_WEBHOOKS_SECRET_ENCRYPTION_KEY")) {
            assertEquals(32, Base64.getDecoder().decode(written.getProperty(key)).length, key + " is an AES-256 key");
        }

        String before = Files.readString(env);
        assertNotEquals(0, makeEnv(env), "make-env.sh must refuse an existing file");
        assertEquals(before, Files.readString(env), "the existing secrets are kept");
    }

    @Test
    void eachApplicationIsGivenOnlyConfigurationKeysItDeclares() throws IOException {
        JsonNode services = compose().get("services");
        int checked = 0;
        for (Map.Entry<String, JsonNode> service : services.properties()) {
            if (!service.getValue().has("build")) {
                continue;
            }
            String module = service.getKey();
            DeclaredConfiguration declared = DeclaredConfiguration.of(REPOSITORY, module);
            for (Map.Entry<String, JsonNode> variable : service.getValue().get("environment").properties()) {
                String name = variable.getKey();
                assertTrue(declared.accepts(name), module + " declares no configuration key for " + name
                        + " (application.properties, @ConfigMapping, @ConfigProperty, or its README's Configuration)");
                checked++;
            }
        }
        assertTrue(checked > 30, "the four applications are configured through their environment");
    }

    /** The check above is no formality: a near miss of a real key is not accepted. */
    @Test
    void aNameNoApplicationDeclaresIsNotAccepted() throws IOException {
        DeclaredConfiguration identity = DeclaredConfiguration.of(REPOSITORY, "identity-service");
        assertTrue(identity.accepts("QUARKUS_DATASOURCE_REACTIVE_URL"));
        assertFalse(identity.accepts("QUARKUS_DATASOURCE_REACTIVE_URI"));
        assertFalse(identity.accepts("LIKENESS_BIOMETRIC_KEY_ENCRYPTION_KEY"));
        assertFalse(DeclaredConfiguration.of(REPOSITORY, "web-console").accepts("KAFKA_BOOTSTRAP_SERVERS"));
    }

    /** Compose waits on health only where a check exists; the images are the versions the build runs against. */
    @Test
    void theStackStartsInDependencyOrderFromPinnedImages() throws IOException {
        JsonNode services = compose().get("services");
        for (Map.Entry<String, JsonNode> service : services.properties()) {
            JsonNode dependsOn = service.getValue().path("depends_on");
            for (Map.Entry<String, JsonNode> dependency : dependsOn.properties()) {
                String condition = dependency.getValue().path("condition").asText();
                JsonNode target = services.path(dependency.getKey());
                assertFalse(target.isMissingNode(), service.getKey() + " depends on an unknown service " + dependency.getKey());
                if (condition.equals("service_healthy")) {
                    assertTrue(target.has("healthcheck"), dependency.getKey() + " has no healthcheck to wait for");
                }
            }
            if (service.getValue().has("build")) {
                assertTrue(dependsOn.has("keycloak"), service.getKey() + " starts after Keycloak");
                JsonNode test = service.getValue().at("/healthcheck/test");
                String probe = test.get(test.size() - 1).asText();
                assertTrue(probe.contains("/dev/tcp/127.0.0.1/9000 ") && probe.contains("GET /q/health/ready "),
                        service.getKey() + ": the healthcheck asks /q/health/ready on the management port 9000: " + probe);
                String port = port(service.getKey());
                assertEquals("[\"127.0.0.1:" + port + ":" + port + "\"]", service.getValue().path("ports").toString(),
                        service.getKey() + ": only its API is published, on the loopback interface; health and metrics are not");
            } else {
                String image = service.getValue().get("image").asText();
                assertTrue(image.matches(".+:[^:]*\\d[^:]*") && !image.endsWith(":latest"), "pinned image: " + image);
            }
        }
        for (String backend : List.of("identity-service", "consent-service", "notification-service")) {
            JsonNode dependsOn = services.at("/" + backend + "/depends_on");
            assertEquals("service_healthy", dependsOn.at("/postgres/condition").asText(), backend);
            assertEquals("service_completed_successfully", dependsOn.at("/kafka-topics/condition").asText(), backend);
        }
        String pom = Files.readString(REPOSITORY.resolve("pom.xml"));
        assertEquals("apache/kafka:" + pomProperty(pom, "kafka.version"), services.at("/kafka/image").asText());
        assertEquals("quay.io/keycloak/keycloak:" + pomProperty(pom, "keycloak.version"), services.at("/keycloak/image").asText());
    }

    private static JsonSchema schema() {
        Path schema = COMPOSE.resolve("schema/compose-spec.json").toAbsolutePath().normalize();
        try {
            return JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V7)
                    .getSchema(SchemaLocation.of(schema.toUri().toString()), new ObjectMapper().readTree(schema.toFile()));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static JsonNode compose() throws IOException {
        return YAML.readTree(COMPOSE.resolve("compose.yaml").toFile());
    }

    private static Set<String> madeByMakeEnv() throws IOException {
        Set<String> names = new TreeSet<>();
        Matcher made = MADE_BY_MAKE_ENV.matcher(Files.readString(COMPOSE.resolve("make-env.sh")));
        while (made.find()) {
            names.add(made.group(1));
        }
        assertFalse(names.isEmpty(), "make-env.sh lists its secrets as `secret NAME` or `key NAME`");
        return names;
    }

    private static int makeEnv(Path env) throws IOException, InterruptedException {
        Process process = new ProcessBuilder("sh", COMPOSE.resolve("make-env.sh").toString(), env.toString())
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        assertTrue(process.waitFor(30, TimeUnit.SECONDS), "make-env.sh finished");
        return process.exitValue();
    }

    private static String port(String module) throws IOException {
        return properties(REPOSITORY.resolve(module).resolve("src/main/resources/application.properties"))
                .getProperty("quarkus.http.port");
    }

    private static Properties properties(Path file) throws IOException {
        Properties properties = new Properties();
        properties.load(new StringReader(Files.readString(file)));
        return properties;
    }

    private static String pomProperty(String pom, String name) {
        Matcher value = Pattern.compile("<" + Pattern.quote(name) + ">([^<]+)</").matcher(pom);
        assertTrue(value.find(), name + " in the root pom");
        return value.group(1);
    }
}
