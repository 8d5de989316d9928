package dev.likeness.devstack;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * Runs one stack: PostgreSQL, Kafka and Keycloak, plus a control API on loopback that tests use
 * to read the stack's addresses, hold a lease on it, and stop or start one server (fault tests).
 *
 * <p>Lifetime: with an idle timeout, the stack stops once every lease holder process has exited
 * and the timeout has passed, so one Maven build's modules share a stack that never outlives it.
 * Without one, it runs until stopped (Ctrl-C, SIGTERM or {@code POST /shutdown}).
 */
public final class Supervisor implements AutoCloseable {

    private static final System.Logger LOG = System.getLogger(Supervisor.class.getName());

    private final StackSettings settings;
    private final Map<String, Server> servers = new LinkedHashMap<>();
    private final Set<Long> holders = ConcurrentHashMap.newKeySet();
    private final CountDownLatch closed = new CountDownLatch(1);
    private final ScheduledExecutorService watchdog = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread thread = new Thread(r, "lease-watchdog");
        thread.setDaemon(true);
        return thread;
    });
    private volatile long lastHeld = System.nanoTime();
    private volatile boolean closing;
    private HttpServer control;
    private StackInfo info;

    public Supervisor(StackSettings settings) {
        this.settings = settings;
    }

    public StackInfo start() throws Exception {
        Path dir = settings.dir();
        if (settings.reset()) {
            Trees.delete(dir);
        }
        Files.createDirectories(dir);
        Secrets secrets = Secrets.load(settings.home());
        StackSettings.Ports ports = settings.ports().resolve();

        PostgresServer postgres = new PostgresServer(dir.resolve("postgres"), settings.home().resolve("postgres-binaries"),
                ports.postgres(), secrets);
        KafkaServer kafka = new KafkaServer(dir.resolve("kafka"), ports.kafka(), ports.kafkaController(),
                System.getProperty("java.class.path"));
        KeycloakServer keycloak = new KeycloakServer(settings.home(), dir.resolve("keycloak"), ports.keycloak(),
                ports.keycloakManagement(), secrets);
        for (Server server : List.of(postgres, kafka, keycloak)) {
            servers.put(server.name(), server);
        }
        startAll();

        String token = UUID.randomUUID().toString();
        control = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), ports.control()), 16);
        control.createContext("/", exchange -> handle(exchange, token));
        control.start();

        info = StackInfo.describe(settings.name(), ProcessHandle.current().pid(),
                "http://127.0.0.1:" + control.getAddress().getPort(), token, ports.postgres(),
                kafka.bootstrapServers(), keycloak.url(), keycloak.managementUrl(), secrets);
        info.write(dir.resolve("stack.json"));

        if (!settings.idleTimeout().isZero()) {
            watchdog.scheduleWithFixedDelay(this::checkLeases, 1, 1, TimeUnit.SECONDS);
        }
        return info;
    }

    public void hold(long pid) {
        if (holders.add(pid)) {
            LOG.log(System.Logger.Level.INFO, "held by process {0,number,#}: {1}", pid,
                    ProcessHandle.of(pid).flatMap(p -> p.info().command()).orElse("?"));
        }
        lastHeld = System.nanoTime();
    }

    public void awaitClose() throws InterruptedException {
        closed.await();
    }

    /**
     * Stops the servers. Meanwhile the control API answers 503 and {@code stack.json} stays, so a
     * client waits for this process to end instead of starting a stack over one still stopping.
     */
    @Override
    public synchronized void close() {
        if (closed.getCount() == 0) {
            return;
        }
        closing = true;
        watchdog.shutdownNow();
        List<Server> reversed = new ArrayList<>(servers.values());
        java.util.Collections.reverse(reversed);
        for (Server server : reversed) {
            try {
                server.stop();
            } catch (RuntimeException e) {
                LOG.log(System.Logger.Level.WARNING, "stopping " + server.name() + " failed", e);
            }
        }
        if (control != null) {
            control.stop(0);
        }
        try {
            Files.deleteIfExists(settings.dir().resolve("stack.json"));
        } catch (IOException e) {
            LOG.log(System.Logger.Level.WARNING, "could not remove stack.json", e);
        }
        closed.countDown();
    }

    private void startAll() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(servers.size());
        try {
            List<Future<?>> starts = new ArrayList<>();
            for (Server server : servers.values()) {
                starts.add(pool.submit(() -> {
                    long began = System.nanoTime();
                    server.start();
                    LOG.log(System.Logger.Level.INFO, "{0} ready in {1} ms", server.name(),
                            Duration.ofNanos(System.nanoTime() - began).toMillis());
                    return null;
                }));
            }
            for (Future<?> start : starts) {
                start.get();
            }
        } catch (Exception e) {
            close();
            throw e;
        } finally {
            pool.shutdown();
        }
    }

    private void checkLeases() {
        holders.removeIf(pid -> ProcessHandle.of(pid).map(p -> !p.isAlive()).orElse(true));
        if (!holders.isEmpty()) {
            lastHeld = System.nanoTime();
        } else if (System.nanoTime() - lastHeld > settings.idleTimeout().toNanos()) {
            LOG.log(System.Logger.Level.INFO, "no lease holder left for {0}: stopping", settings.idleTimeout());
            new Thread(this::close, "idle-stop").start();
        }
    }

    private void handle(HttpExchange exchange, String token) throws IOException {
        try {
            String authorization = exchange.getRequestHeaders().getFirst("Authorization");
            if (authorization == null || !MessageDigest.isEqual(
                    authorization.getBytes(StandardCharsets.UTF_8), ("Bearer " + token).getBytes(StandardCharsets.UTF_8))) {
                respond(exchange, 401, "missing or wrong control token (see stack.json)");
                return;
            }
            if (closing) {
                respond(exchange, 503, "the stack is stopping");
                return;
            }
            String method = exchange.getRequestMethod();
            String[] path = exchange.getRequestURI().getPath().substring(1).split("/");
            if (method.equals("GET") && path[0].equals("stack")) {
                respond(exchange, 200, info.toJson());
            } else if (method.equals("POST") && path[0].equals("leases") && path.length == 2) {
                hold(Long.parseLong(path[1]));
                respond(exchange, 204, null);
            } else if (method.equals("POST") && path[0].equals("servers") && path.length == 3 && servers.containsKey(path[1])) {
                Server server = servers.get(path[1]);
                switch (path[2]) {
                    case "stop" -> server.stop();
                    case "start" -> server.start();
                    default -> {
                        respond(exchange, 404, "servers/{name}/stop or start");
                        return;
                    }
                }
                respond(exchange, 204, null);
            } else if (method.equals("POST") && path[0].equals("shutdown")) {
                respond(exchange, 202, null);
                new Thread(this::close, "shutdown").start();
            } else {
                respond(exchange, 404, "GET /stack, POST /leases/{pid}, POST /servers/{name}/stop|start, POST /shutdown");
            }
        } catch (Exception e) {
            LOG.log(System.Logger.Level.ERROR, "control request failed", e);
            respond(exchange, 500, String.valueOf(e.getMessage()));
        } finally {
            exchange.close();
        }
    }

    private static void respond(HttpExchange exchange, int status, String body) throws IOException {
        if (body == null) {
            exchange.sendResponseHeaders(status, -1);
            return;
        }
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", status == 200 ? "application/json" : "text/plain");
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }
}
