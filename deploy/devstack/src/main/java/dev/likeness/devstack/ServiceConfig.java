package dev.likeness.devstack;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;

/**
 * The configuration a service needs to run against a stack. Tests receive it as Quarkus
 * test-resource overrides, the run command as environment variables; production sets the same
 * keys (see each service's README).
 */
public final class ServiceConfig {

    private ServiceConfig() {
    }

    /**
     * A backend's database, broker, realm and clients. The web console gets no datasource and no
     * Kafka, and the three services' base URLs are not the stack's to know: its caller adds them
     * ({@link #backendUrls}).
     */
    public static Map<String, String> of(Service service, StackInfo stack) {
        Map<String, String> config = new LinkedHashMap<>();
        if (service.hasDatabase()) {
            StackInfo.Database database = stack.database(service);
            String server = stack.postgres().host() + ":" + stack.postgres().port() + "/" + database.name();
            config.put("quarkus.datasource.username", database.user());
            config.put("quarkus.datasource.password", database.password());
            config.put("quarkus.datasource.reactive.url", "postgresql://" + server);
            config.put("quarkus.datasource.jdbc.url", "jdbc:postgresql://" + server);
            config.put("kafka.bootstrap.servers", stack.kafka().bootstrapServers());
        }
        config.put("quarkus.oidc.auth-server-url", stack.keycloak().issuer());
        switch (service) {
            case IDENTITY -> {
                adminClient(config, stack, StackInfo.IDENTITY_ADMIN_CLIENT);
                config.put("likeness.biometrics.key-encryption-key", stack.biometricKey());
            }
            case NOTIFICATION -> {
                adminClient(config, stack, StackInfo.NOTIFICATION_DIRECTORY_CLIENT);
                config.put("likeness.webhooks.secret-encryption-key", stack.webhookSecretKey());
                // A local stack delivers webhooks to receivers on this machine; production keeps the SSRF guard.
                config.put("likeness.webhooks.require-https", "false");
                config.put("likeness.webhooks.allow-private-addresses", "true");
            }
            case CONSENT -> config.put("likeness.consent-token.key-encryption-key", stack.consentTokenKey());
            case WEB_CONSOLE -> {
                StackInfo.Client console = stack.client(StackInfo.CONSOLE_CLIENT);
                if (console == null) {
                    throw new IllegalStateException("stack " + stack.name() + " was started before the realm had the web console's "
                            + "client: stop it (deploy/devstack.sh stop) and start it again");
                }
                config.put("quarkus.oidc.client-id", console.clientId());
                config.put("quarkus.oidc.credentials.secret", console.secret());
                // The same client's service account resolves user names to ids and ids to display names.
                adminClient(config, stack, StackInfo.CONSOLE_CLIENT);
            }
        }
        return config;
    }

    /**
     * The web console's REST clients, one per backend ({@code quarkus.rest-client.identity.url},
     * {@code .consent.url}, {@code .notification.url}): extra configuration for
     * {@link Service#WEB_CONSOLE}, from where its caller started the three services.
     */
    public static Map<String, String> backendUrls(Function<Service, String> url) {
        Map<String, String> config = new LinkedHashMap<>();
        for (Service backend : Service.BACKENDS) {
            String client = switch (backend) {
                case IDENTITY -> "identity";
                case CONSENT -> "consent";
                case NOTIFICATION -> "notification";
                case WEB_CONSOLE -> throw new IllegalArgumentException("not a backend: " + backend);
            };
            config.put("quarkus.rest-client." + client + ".url", url.apply(backend));
        }
        return config;
    }

    private static void adminClient(Map<String, String> config, StackInfo stack, String clientKey) {
        StackInfo.Client client = stack.client(clientKey);
        config.put("quarkus.keycloak.admin-client.server-url", stack.keycloak().url());
        config.put("quarkus.keycloak.admin-client.realm", stack.keycloak().realm());
        config.put("quarkus.keycloak.admin-client.client-id", client.clientId());
        config.put("quarkus.keycloak.admin-client.client-secret", client.secret());
        config.put("quarkus.keycloak.admin-client.grant-type", "CLIENT_CREDENTIALS");
    }

    /** Quarkus' environment variable for a property: {@code kafka.bootstrap.servers} → {@code KAFKA_BOOTSTRAP_SERVERS}. */
    public static Map<String, String> asEnvironment(Map<String, String> config) {
        Map<String, String> env = new LinkedHashMap<>();
        config.forEach((key, value) -> env.put(key.toUpperCase(Locale.ROOT).replaceAll("[^A-Z0-9]", "_"), value));
        return env;
    }
}
