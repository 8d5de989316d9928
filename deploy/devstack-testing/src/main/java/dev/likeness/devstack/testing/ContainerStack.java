package dev.likeness.devstack.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.containers.wait.strategy.Wait;
import org.testcontainers.images.builder.Transferable;
import org.testcontainers.kafka.KafkaContainer;
import org.testcontainers.lifecycle.Startables;
import org.testcontainers.postgresql.PostgreSQLContainer;

import com.github.dockerjava.api.command.CreateContainerCmd;
import com.github.dockerjava.api.model.ExposedPort;
import com.github.dockerjava.api.model.PortBinding;
import com.github.dockerjava.api.model.Ports;

import dev.likeness.devstack.Realm;
import dev.likeness.devstack.Secrets;
import dev.likeness.devstack.Service;
import dev.likeness.devstack.StackInfo;
import dev.likeness.devstack.StackSettings;
import dev.likeness.devstack.Topics;

/**
 * The same three servers from container images, for machines with a Docker engine. Host ports
 * are fixed at creation, so a container stopped and started again (fault tests) keeps them.
 * Testcontainers removes the containers when the test JVM exits.
 */
final class ContainerStack {

    private static final String POSTGRES_IMAGE = "postgres:18";
    private static final String KAFKA_IMAGE = "apache/kafka:4.1.1";
    private static final String KEYCLOAK_IMAGE = "quay.io/keycloak/keycloak:26.7.3";

    private final Map<String, GenericContainer<?>> containers = new LinkedHashMap<>();
    private final StackInfo info;

    private ContainerStack(Secrets secrets) {
        int postgresPort = freePort();
        int kafkaPort = freePort();
        int keycloakPort = freePort();
        int managementPort = freePort();

        PostgreSQLContainer postgres = new PostgreSQLContainer(POSTGRES_IMAGE)
                .withCopyToContainer(Transferable.of(databasesSql(secrets)), "/docker-entrypoint-initdb.d/likeness.sql");
        postgres.withCreateContainerCmdModifier(bind(Map.of(postgresPort, 5432)));
        KafkaContainer kafka = new KafkaContainer(KAFKA_IMAGE);
        kafka.withCreateContainerCmdModifier(bind(Map.of(kafkaPort, 9092)));
        GenericContainer<?> keycloak = new GenericContainer<>(KEYCLOAK_IMAGE)
                .withCommand("start-dev", "--import-realm", "--health-enabled=true",
                        "--hostname=http://127.0.0.1:" + keycloakPort)
                .withEnv("KC_BOOTSTRAP_ADMIN_USERNAME", Realm.ADMIN_USER)
                .withEnv("KC_BOOTSTRAP_ADMIN_PASSWORD", secrets.get(Secrets.KEYCLOAK_ADMIN_PASSWORD))
                .withCopyToContainer(Transferable.of(Realm.render(secrets)), "/opt/keycloak/data/import/likeness-realm.json")
                .withExposedPorts(8080, 9000)
                .waitingFor(Wait.forHttp("/health/ready").forPort(9000).withStartupTimeout(java.time.Duration.ofMinutes(3)));
        keycloak.withCreateContainerCmdModifier(bind(Map.of(keycloakPort, 8080, managementPort, 9000)));

        containers.put(TestStack.POSTGRES, postgres);
        containers.put(TestStack.KAFKA, kafka);
        containers.put(TestStack.KEYCLOAK, keycloak);
        Startables.deepStart(containers.values()).join();
        try {
            Topics.create(kafka.getBootstrapServers());
        } catch (Exception e) {
            throw new IllegalStateException("could not create the topics", e);
        }
        info = StackInfo.describe("containers", 0, null, null, postgresPort, "127.0.0.1:" + kafkaPort,
                "http://127.0.0.1:" + keycloakPort, "http://127.0.0.1:" + managementPort, secrets);
    }

    /** Asks Testcontainers only where a Docker endpoint may exist: its probe logs errors everywhere else. */
    static boolean dockerAvailable() {
        String home = System.getProperty("user.home");
        String runtime = System.getenv("XDG_RUNTIME_DIR");
        boolean endpoint = System.getenv("DOCKER_HOST") != null
                || java.nio.file.Files.exists(java.nio.file.Path.of("/var/run/docker.sock"))
                || java.nio.file.Files.exists(java.nio.file.Path.of(home, ".docker/run/docker.sock"))
                || java.nio.file.Files.exists(java.nio.file.Path.of(home, ".testcontainers.properties"))
                || runtime != null && java.nio.file.Files.exists(java.nio.file.Path.of(runtime, "docker.sock"));
        if (!endpoint) {
            return false;
        }
        try {
            return DockerClientFactory.instance().isDockerAvailable();
        } catch (RuntimeException | LinkageError e) {
            return false;
        }
    }

    static ContainerStack start() {
        try {
            return new ContainerStack(Secrets.load(StackSettings.defaultHome()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    StackInfo info() {
        return info;
    }

    void stop(String server) {
        DockerClientFactory.instance().client().stopContainerCmd(container(server).getContainerId()).exec();
    }

    void start(String server) {
        DockerClientFactory.instance().client().startContainerCmd(container(server).getContainerId()).exec();
        awaitReady(server);
    }

    private GenericContainer<?> container(String server) {
        GenericContainer<?> container = containers.get(server);
        if (container == null) {
            throw new IllegalArgumentException("no server " + server);
        }
        return container;
    }

    private void awaitReady(String server) {
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(3);
        while (System.nanoTime() < deadline) {
            if (ready(server)) {
                return;
            }
            try {
                Thread.sleep(250);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
        throw new IllegalStateException(server + " did not come back within 3 minutes");
    }

    private boolean ready(String server) {
        switch (server) {
            case TestStack.KAFKA -> {
                Properties config = new Properties();
                config.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, info.kafka().bootstrapServers());
                try (Admin admin = Admin.create(config)) {
                    return !admin.describeCluster().nodes().get(2, TimeUnit.SECONDS).isEmpty();
                } catch (Exception notYet) {
                    return false;
                }
            }
            case TestStack.POSTGRES -> {
                return listening(info.postgres().port());
            }
            default -> {
                return listening(Integer.parseInt(info.keycloak().url().replaceAll(".*:", "")));
            }
        }
    }

    private static boolean listening(int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), 1000);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private static String databasesSql(Secrets secrets) {
        StringBuilder sql = new StringBuilder();
        for (Service service : Service.BACKENDS) {
            sql.append("CREATE ROLE ").append(service.database).append(" LOGIN PASSWORD '")
                    .append(secrets.databasePassword(service).replace("'", "''")).append("';\n")
                    .append("CREATE DATABASE ").append(service.database).append(" OWNER ").append(service.database).append(";\n");
        }
        return sql.toString();
    }

    private static Consumer<CreateContainerCmd> bind(Map<Integer, Integer> hostToContainer) {
        return command -> {
            List<PortBinding> bindings = new ArrayList<>();
            hostToContainer.forEach((host, container) ->
                    bindings.add(new PortBinding(Ports.Binding.bindIpAndPort("127.0.0.1", host), ExposedPort.tcp(container))));
            command.getHostConfig().withPortBindings(bindings);
        };
    }

    private static int freePort() {
        try (java.net.ServerSocket socket = new java.net.ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
