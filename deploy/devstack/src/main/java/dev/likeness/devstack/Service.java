package dev.likeness.devstack;

import java.util.List;

/**
 * The platform's applications as the local stack knows them: module, own database (null for
 * {@link #WEB_CONSOLE}, which has none), default HTTP port, and the default port of its management
 * interface (health and metrics), which a container serves on 9000 but one host needs apart.
 */
public enum Service {
    IDENTITY("identity-service", "identity", 8081, 9081),
    CONSENT("consent-service", "consent", 8082, 9082),
    NOTIFICATION("notification-service", "notification", 8083, 9083),
    /** The browser console: a backend for frontend over the three services; no database, no Kafka. */
    WEB_CONSOLE("web-console", null, 8080, 9080);

    /** The three services that own a database, consume and publish events and document an API. */
    public static final List<Service> BACKENDS = List.of(IDENTITY, CONSENT, NOTIFICATION);

    public final String module;
    /** The service's database, and its login role; null for an application without one. */
    public final String database;
    public final int defaultPort;
    public final int defaultManagementPort;

    Service(String module, String database, int defaultPort, int defaultManagementPort) {
        this.module = module;
        this.database = database;
        this.defaultPort = defaultPort;
        this.defaultManagementPort = defaultManagementPort;
    }

    public boolean hasDatabase() {
        return database != null;
    }

    public static Service ofModule(String module) {
        for (Service service : values()) {
            if (service.module.equals(module) || module.equals(service.database)) {
                return service;
            }
        }
        throw new IllegalArgumentException("unknown service: " + module);
    }
}
