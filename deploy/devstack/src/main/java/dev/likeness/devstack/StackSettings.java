package dev.likeness.devstack;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;

/**
 * Where a stack lives and which loopback ports it binds. Every value can be set as a system
 * property ({@code devstack.port.kafka}) or an environment variable ({@code DEVSTACK_PORT_KAFKA}).
 *
 * <p>The {@code run} stack uses fixed ports so URLs stay the same between runs; the {@code test}
 * stack picks free ports (0 in the settings) so parallel checkouts never collide.
 */
public record StackSettings(Path home, String name, Ports ports, Duration idleTimeout, boolean reset) {

    public record Ports(int postgres, int kafka, int kafkaController, int keycloak, int keycloakManagement, int control) {

        /** Replaces each 0 with a port the OS reports free on loopback. */
        Ports resolve() {
            return new Ports(orFree(postgres), orFree(kafka), orFree(kafkaController),
                    orFree(keycloak), orFree(keycloakManagement), orFree(control));
        }

        private static int orFree(int port) {
            return port != 0 ? port : freePort();
        }
    }

    /**
     * A loopback port free now, below the OS's ephemeral range: a port the OS hands out for port 0
     * comes from that range, where any outgoing connection (a Kafka or database client) may take it
     * as its local port before the server binds it, as Keycloak's management port once was in CI.
     */
    static int freePort() {
        int below = ephemeralRangeStart();
        for (int attempt = 0; attempt < 1000; attempt++) {
            int port = FIRST_CHOSEN_PORT + RANDOM.nextInt(below - FIRST_CHOSEN_PORT);
            try (java.net.ServerSocket socket = new java.net.ServerSocket(port, 1, java.net.InetAddress.getLoopbackAddress())) {
                return socket.getLocalPort();
            } catch (java.io.IOException taken) {
                // another one
            }
        }
        throw new IllegalStateException("no free loopback port between " + FIRST_CHOSEN_PORT + " and " + below);
    }

    /** Above the run stack's fixed ports (15432 … 19093). */
    private static final int FIRST_CHOSEN_PORT = 20000;
    private static final java.util.Random RANDOM = new java.util.Random();

    /** Linux's first ephemeral port (ip_local_port_range); 32768, Linux's default, where that is unreadable. */
    private static int ephemeralRangeStart() {
        try {
            int start = Integer.parseInt(java.nio.file.Files.readString(Path.of("/proc/sys/net/ipv4/ip_local_port_range"))
                    .strip().split("\\s+")[0]);
            return start > FIRST_CHOSEN_PORT + 1000 ? start : 32768;
        } catch (java.io.IOException | RuntimeException e) {
            return 32768;
        }
    }

    public static final String RUN = "run";
    public static final String TEST = "test";

    public Path dir() {
        return home.resolve("stacks").resolve(name);
    }

    public static StackSettings run(Path home, boolean reset) {
        Ports ports = new Ports(
                port("postgres", 15432), port("kafka", 19092), port("kafka-controller", 19093),
                port("keycloak", 18080), port("keycloak-management", 19000), port("control", 18999));
        return new StackSettings(home, RUN, ports, Duration.ZERO, reset);
    }

    /** A test stack starts from empty data and stops itself once no holder process is left. */
    public static StackSettings test(Path home) {
        Ports free = new Ports(0, 0, 0, 0, 0, 0);
        Duration idle = Duration.parse(setting("idle-timeout", "PT15S"));
        return new StackSettings(home, setting("name", TEST), free, idle, true);
    }

    public static Path defaultHome() {
        return Path.of(setting("dir", ".devstack")).toAbsolutePath().normalize();
    }

    static int port(String name, int fallback) {
        return Integer.parseInt(setting("port." + name, Integer.toString(fallback)));
    }

    public static String setting(String key, String fallback) {
        String value = System.getProperty("devstack." + key);
        if (value == null) {
            value = System.getenv("DEVSTACK_" + key.toUpperCase(Locale.ROOT).replaceAll("[^A-Z0-9]", "_"));
        }
        return value == null || value.isBlank() ? fallback : value;
    }
}
