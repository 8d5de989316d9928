package dev.likeness.devstack;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.common.Uuid;

/**
 * A single-node Apache Kafka KRaft broker (broker and controller in one JVM), started from the
 * Kafka jars as a child process bound to loopback.
 */
final class KafkaServer implements Server {

    private final Path dir;
    private final int port;
    private final int controllerPort;
    private final String classpath;
    private Process process;

    KafkaServer(Path dir, int port, int controllerPort, String classpath) {
        this.dir = dir;
        this.port = port;
        this.controllerPort = controllerPort;
        this.classpath = classpath;
    }

    @Override
    public String name() {
        return "kafka";
    }

    String bootstrapServers() {
        return "127.0.0.1:" + port;
    }

    @Override
    public synchronized void start() throws Exception {
        Path data = dir.resolve("data");
        Path config = dir.resolve("server.properties");
        Files.createDirectories(data);
        Files.writeString(config, serverProperties(data));
        Files.writeString(dir.resolve("log4j2.properties"), log4j());
        if (!Files.exists(data.resolve("meta.properties"))) {
            format(config);
        }
        process = Processes.start(java("kafka.Kafka", config.toString()), dir, dir.resolve("kafka.out"), Map.of());
        awaitReady();
        Topics.create(bootstrapServers());
    }

    @Override
    public synchronized void stop() {
        if (process != null) {
            Processes.stop(process.toHandle(), Duration.ofSeconds(30));
            process = null;
        }
    }

    private void format(Path config) throws IOException, InterruptedException {
        Process format = Processes.start(
                java("kafka.tools.StorageTool", "format", "-t", Uuid.randomUuid().toString(), "-c", config.toString()),
                dir, dir.resolve("kafka.out"), Map.of());
        if (!format.waitFor(120, TimeUnit.SECONDS) || format.exitValue() != 0) {
            throw new IllegalStateException("Kafka storage format failed:\n" + Processes.tail(dir.resolve("kafka.out"), 30));
        }
    }

    private void awaitReady() throws InterruptedException {
        Properties admin = new Properties();
        admin.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers());
        admin.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 2000);
        admin.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 2000);
        long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
        try (Admin client = Admin.create(admin)) {
            while (System.nanoTime() < deadline) {
                if (!process.isAlive()) {
                    throw new IllegalStateException("Kafka exited:\n" + Processes.tail(dir.resolve("kafka.out"), 40));
                }
                try {
                    if (!client.describeCluster().nodes().get(2, TimeUnit.SECONDS).isEmpty()) {
                        return;
                    }
                } catch (Exception notYet) {
                    Thread.sleep(200);
                }
            }
        }
        throw new IllegalStateException("Kafka not ready after 120 s:\n" + Processes.tail(dir.resolve("server.log"), 40));
    }

    private List<String> java(String mainClass, String... args) {
        List<String> command = new java.util.ArrayList<>(List.of(
                Processes.javaExecutable(), "-Xms128m", "-Xmx512m", "-XX:+UseG1GC", "-Djava.awt.headless=true",
                "-Dlog4j2.configurationFile=" + dir.resolve("log4j2.properties"),
                "-cp", classpath, mainClass));
        command.addAll(List.of(args));
        return command;
    }

    private String serverProperties(Path data) {
        return """
                process.roles=broker,controller
                node.id=1
                controller.quorum.voters=1@127.0.0.1:%2$d
                listeners=PLAINTEXT://127.0.0.1:%1$d,CONTROLLER://127.0.0.1:%2$d
                advertised.listeners=PLAINTEXT://127.0.0.1:%1$d
                controller.listener.names=CONTROLLER
                inter.broker.listener.name=PLAINTEXT
                listener.security.protocol.map=CONTROLLER:PLAINTEXT,PLAINTEXT:PLAINTEXT
                log.dirs=%3$s
                auto.create.topics.enable=false
                num.partitions=3
                offsets.topic.replication.factor=1
                offsets.topic.num.partitions=5
                transaction.state.log.replication.factor=1
                transaction.state.log.min.isr=1
                transaction.state.log.num.partitions=5
                share.coordinator.state.topic.replication.factor=1
                share.coordinator.state.topic.min.isr=1
                group.initial.rebalance.delay.ms=0
                """.formatted(port, controllerPort, data);
    }

    private String log4j() {
        return """
                status = warn
                appender.file.type = File
                appender.file.name = file
                appender.file.fileName = %s
                appender.file.layout.type = PatternLayout
                appender.file.layout.pattern = %%d{ISO8601} %%-5p [%%c{1}] %%m%%n
                rootLogger.level = INFO
                rootLogger.appenderRef.file.ref = file
                """.formatted(dir.resolve("server.log"));
    }
}
