package dev.likeness.devstack;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

/**
 * What a running stack tells its clients ({@code stack.json}): where each server listens and
 * the credentials to reach it. Tests and the run command turn it into service configuration.
 */
public record StackInfo(
        String name,
        long supervisorPid,
        String controlUrl,
        String controlToken,
        Postgres postgres,
        Kafka kafka,
        Keycloak keycloak,
        String consentTokenKey,
        String webhookSecretKey,
        String biometricKey) {

    public record Postgres(String host, int port, Map<String, Database> databases) {
    }

    public record Database(String name, String user, String password) {
    }

    public record Kafka(String bootstrapServers) {
    }

    public record Keycloak(String url, String managementUrl, String realm, String adminUser, String adminPassword,
                           Map<String, Client> clients) {

        public String issuer() {
            return url + "/realms/" + realm;
        }

        public String tokenEndpoint() {
            return issuer() + "/protocol/openid-connect/token";
        }
    }

    public record Client(String clientId, String secret) {
    }

    /** Keys of {@link Keycloak#clients()}. */
    public static final String PLATFORM_CLIENT = "platform";
    public static final String TEST_CLIENT = "test";
    public static final String IDENTITY_ADMIN_CLIENT = "identity-admin";
    public static final String NOTIFICATION_DIRECTORY_CLIENT = "notification-directory";
    public static final String CONSOLE_CLIENT = "console";

    /** The description of a stack whose servers listen on these addresses, with this machine's secrets. */
    public static StackInfo describe(String name, long supervisorPid, String controlUrl, String controlToken,
                                     int postgresPort, String kafkaBootstrapServers, String keycloakUrl,
                                     String keycloakManagementUrl, Secrets secrets) {
        Map<String, Database> databases = new java.util.LinkedHashMap<>();
        for (Service service : Service.BACKENDS) {
            databases.put(service.database, new Database(service.database, service.database, secrets.databasePassword(service)));
        }
        Map<String, Client> clients = new java.util.LinkedHashMap<>();
        clients.put(PLATFORM_CLIENT, new Client("likeness-platform-demo", secrets.get(Secrets.PLATFORM_SECRET)));
        clients.put(TEST_CLIENT, new Client("likeness-test", null));
        clients.put(IDENTITY_ADMIN_CLIENT, new Client("likeness-identity-admin", secrets.get(Secrets.IDENTITY_ADMIN_SECRET)));
        clients.put(NOTIFICATION_DIRECTORY_CLIENT,
                new Client("likeness-notification-directory", secrets.get(Secrets.NOTIFICATION_DIRECTORY_SECRET)));
        clients.put(CONSOLE_CLIENT, new Client("likeness-console", secrets.get(Secrets.CONSOLE_SECRET)));
        return new StackInfo(name, supervisorPid, controlUrl, controlToken,
                new Postgres("127.0.0.1", postgresPort, databases),
                new Kafka(kafkaBootstrapServers),
                new Keycloak(keycloakUrl, keycloakManagementUrl, Realm.NAME, Realm.ADMIN_USER,
                        secrets.get(Secrets.KEYCLOAK_ADMIN_PASSWORD), clients),
                secrets.get(Secrets.CONSENT_TOKEN_KEK),
                secrets.get(Secrets.WEBHOOK_SECRET_KEK),
                secrets.get(Secrets.BIOMETRIC_KEK));
    }

    static final ObjectMapper JSON = new ObjectMapper()
            .enable(SerializationFeature.INDENT_OUTPUT)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    public Database database(Service service) {
        if (!service.hasDatabase()) {
            throw new IllegalArgumentException(service.module + " has no database");
        }
        return postgres.databases().get(service.database);
    }

    public Client client(String key) {
        return keycloak.clients().get(key);
    }

    public static StackInfo read(Path file) throws IOException {
        return JSON.readValue(file.toFile(), StackInfo.class);
    }

    public static StackInfo parse(String json) throws IOException {
        return JSON.readValue(json, StackInfo.class);
    }

    public String toJson() {
        try {
            return JSON.writeValueAsString(this);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Written atomically and readable by the owner only: it holds passwords. */
    void write(Path file) throws IOException {
        Path tmp = Files.createTempFile(file.getParent(), "stack", ".tmp",
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        Files.writeString(tmp, toJson());
        Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }
}
