package dev.likeness.devstack;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/** A packaged service ({@code target/quarkus-app}) running as its own process against a stack. */
public final class ServiceProcess implements AutoCloseable {

    private final Service service;
    private final int port;
    private final int managementPort;
    private final Path log;
    private final Process process;

    private ServiceProcess(Service service, int port, int managementPort, Path log, Process process) {
        this.service = service;
        this.port = port;
        this.managementPort = managementPort;
        this.log = log;
        this.process = process;
    }

    /**
     * @param port        0 for any free port; the management interface (health, metrics) gets the
     *                    service's default management port with its default port, else a free one
     * @param extraConfig further properties, e.g. another instance id; passed as environment
     *                    variables like the stack's, so no secret shows in {@code ps}
     */
    public static ServiceProcess start(Path repository, Service service, StackInfo stack, int port, Path logDir,
                                       Map<String, String> extraConfig) throws IOException {
        if (port == 0) {
            port = StackSettings.freePort();
        }
        int managementPort = port == service.defaultPort ? service.defaultManagementPort : StackSettings.freePort();
        Path jar = repository.resolve(service.module).resolve("target/quarkus-app/quarkus-run.jar");
        if (!Files.exists(jar)) {
            throw new IllegalStateException(jar + " is missing: build first (./mvnw package -DskipTests)");
        }
        Map<String, String> config = new java.util.LinkedHashMap<>(ServiceConfig.of(service, stack));
        config.put("quarkus.http.port", Integer.toString(port));
        config.put("quarkus.management.port", Integer.toString(managementPort));
        config.putAll(extraConfig);
        Path log = logDir.resolve(service.module + "-" + port + ".log");
        Files.deleteIfExists(log);
        Process process = Processes.start(List.of(Processes.javaExecutable(), "-Xmx384m", "-jar", jar.toString()),
                repository.resolve(service.module), log, ServiceConfig.asEnvironment(config));
        return new ServiceProcess(service, port, managementPort, log, process);
    }

    public String url() {
        return "http://127.0.0.1:" + port;
    }

    /** Health ({@code /q/health/ready}) and metrics ({@code /q/metrics}). */
    public String managementUrl() {
        return "http://127.0.0.1:" + managementPort;
    }

    public int port() {
        return port;
    }

    public Service service() {
        return service;
    }

    public Path log() {
        return log;
    }

    public long pid() {
        return process.pid();
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    public void awaitReady(Duration timeout) throws InterruptedException {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        HttpRequest ready = HttpRequest.newBuilder(URI.create(managementUrl() + "/q/health/ready")).timeout(Duration.ofSeconds(5)).build();
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException(service.module + " exited:\n" + Processes.tail(log, 60));
            }
            try {
                if (http.send(ready, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                    return;
                }
            } catch (IOException notYet) {
                // not listening yet
            }
            Thread.sleep(200);
        }
        throw new IllegalStateException(service.module + " not ready after " + timeout + ":\n" + Processes.tail(log, 60));
    }

    /** A crash, as in a fault test: no shutdown hooks, no graceful drain. */
    public void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor();
    }

    @Override
    public void close() {
        Processes.stop(process.toHandle(), Duration.ofSeconds(30));
    }
}
