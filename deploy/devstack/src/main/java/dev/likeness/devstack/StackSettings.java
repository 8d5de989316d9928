package dev.likeness.devstack;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;

/**
 * Where a stack lives and which loopback ports it binds. Every value can be set as a system
 * property ({@code devstack.port.kafka}) or an environment variable ({@code DEVSTACK_PORT_KAFKA}).
 *
 * <p>The {@code run} stack uses fixed ports so URLs stay the same between runs; the {@code test}
 * stack asks the OS for free ports (0) so parallel checkouts never collide.
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

    static int freePort() {
        try (java.net.ServerSocket socket = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
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
