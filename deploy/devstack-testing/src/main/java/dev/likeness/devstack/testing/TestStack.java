package dev.likeness.devstack.testing;

import java.io.IOException;

import dev.likeness.devstack.StackClient;
import dev.likeness.devstack.StackInfo;
import dev.likeness.devstack.StackSettings;
import io.smallrye.reactive.messaging.kafka.companion.KafkaCompanion;

/**
 * The stack of this test JVM. {@code devstack.provider} chooses who provides it:
 * {@code embedded} (the devstack's real servers, shared by every test JVM of the build),
 * {@code containers} (Testcontainers), or {@code auto} (default: containers where a Docker
 * engine answers, embedded everywhere else).
 */
public final class TestStack {

    /** Names of the servers that {@link #stop(String)} and {@link #start(String)} take. */
    public static final String POSTGRES = "postgres";
    public static final String KAFKA = "kafka";
    public static final String KEYCLOAK = "keycloak";

    private static StackInfo info;
    private static ContainerStack containers;
    private static KafkaCompanion companion;

    private TestStack() {
    }

    public static synchronized StackInfo info() {
        if (info == null) {
            String provider = StackSettings.setting("provider", "auto");
            if (provider.equals("containers") || provider.equals("auto") && ContainerStack.dockerAvailable()) {
                containers = ContainerStack.start();
                info = containers.info();
            } else {
                info = acquireEmbedded();
            }
        }
        return info;
    }

    /** Stops one server (a fault test); it keeps its port and data for {@link #start(String)}. */
    public static void stop(String server) {
        if (containers != null) {
            containers.stop(server);
        } else {
            StackClient.stopServer(info(), server);
        }
    }

    public static void start(String server) {
        if (containers != null) {
            containers.start(server);
        } else {
            StackClient.startServer(info(), server);
        }
    }

    /** A Kafka companion on the stack's broker, to read and write topics in tests. */
    public static synchronized KafkaCompanion kafka() {
        if (companion == null) {
            companion = new KafkaCompanion(info().kafka().bootstrapServers());
        }
        return companion;
    }

    private static StackInfo acquireEmbedded() {
        try {
            return StackClient.acquire(StackSettings.test(StackSettings.defaultHome()), leaseHolder());
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /**
     * The process the stack lives as long as: with {@code devstack.lease-holder=maven} (set by the
     * parent POM), the Maven JVM this test JVM descends from, so every module of a build shares
     * the stack. Not the direct parent: Surefire starts each fork through a shell that ends with it.
     */
    static long leaseHolder() {
        ProcessHandle self = ProcessHandle.current();
        if (StackSettings.setting("lease-holder", "self").equals("maven")) {
            for (var ancestor = self.parent(); ancestor.isPresent(); ancestor = ancestor.get().parent()) {
                if (ancestor.get().info().commandLine().map(line -> line.contains("plexus-classworlds")).orElse(false)) {
                    return ancestor.get().pid();
                }
            }
        }
        return self.pid();
    }
}
