package dev.likeness.devstack;

/** The platform's services as the local stack knows them: module, own database, default HTTP port. */
public enum Service {
    IDENTITY("identity-service", "identity", 8081),
    CONSENT("consent-service", "consent", 8082),
    NOTIFICATION("notification-service", "notification", 8083);

    public final String module;
    public final String database;
    public final int defaultPort;

    Service(String module, String database, int defaultPort) {
        this.module = module;
        this.database = database;
        this.defaultPort = defaultPort;
    }

    public static Service ofModule(String module) {
        for (Service service : values()) {
            if (service.module.equals(module) || service.database.equals(module)) {
                return service;
            }
        }
        throw new IllegalArgumentException("unknown service: " + module);
    }
}
