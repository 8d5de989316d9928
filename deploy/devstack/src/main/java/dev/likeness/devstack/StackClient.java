package dev.likeness.devstack;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Finds, starts and controls a stack from another process: a test JVM or the run command. */
public final class StackClient {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private StackClient() {
    }

    /** The stack running in this directory, if its supervisor is alive and answers. */
    public static Optional<StackInfo> find(Path stackDir) {
        Path file = stackDir.resolve("stack.json");
        if (!Files.exists(file)) {
            return Optional.empty();
        }
        try {
            StackInfo info = StackInfo.read(file);
            if (ProcessHandle.of(info.supervisorPid()).map(ProcessHandle::isAlive).orElse(false)) {
                return Optional.of(StackInfo.parse(call(info, "GET", "stack")));
            }
        } catch (IOException | InterruptedException | RuntimeException notRunning) {
            // a stale file from a killed supervisor
        }
        return Optional.empty();
    }

    /**
     * The test stack of this devstack directory: reused when running, else started by a detached
     * supervisor. Either way {@code holder} holds a lease, so the stack lives as long as it does.
     */
    public static synchronized StackInfo acquire(StackSettings settings, long holder) throws IOException, InterruptedException {
        Path dir = settings.dir();
        Files.createDirectories(dir.getParent());
        try (FileChannel channel = FileChannel.open(dir.getParent().resolve(settings.name() + ".lock"),
                StandardOpenOption.CREATE, StandardOpenOption.WRITE);
             FileLock ignored = channel.lock()) {
            Optional<StackInfo> running = find(dir);
            if (running.isPresent()) {
                call(running.get(), "POST", "leases/" + holder);
                return running.get();
            }
            awaitStopped(dir);
            return spawn(settings, holder);
        }
    }

    /** A supervisor that is still stopping its servers must be gone before a new one starts here. */
    private static void awaitStopped(Path stackDir) throws InterruptedException {
        Path file = stackDir.resolve("stack.json");
        if (!Files.exists(file)) {
            return;
        }
        try {
            Optional<ProcessHandle> previous = ProcessHandle.of(StackInfo.read(file).supervisorPid())
                    .filter(p -> p.info().commandLine().map(line -> line.contains(Main.class.getName())).orElse(false));
            if (previous.isPresent()) {
                previous.get().onExit().get(2, java.util.concurrent.TimeUnit.MINUTES);
            }
        } catch (IOException unreadable) {
            // a torn file from a killed supervisor: nothing to wait for
        } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
            throw new IllegalStateException("the previous stack in " + stackDir + " does not stop", e);
        }
    }

    public static void stopServer(StackInfo stack, String server) {
        control(stack, "servers/" + server + "/stop");
    }

    public static void startServer(StackInfo stack, String server) {
        control(stack, "servers/" + server + "/start");
    }

    public static void shutdown(StackInfo stack) {
        control(stack, "shutdown");
    }

    /** The classpath of the devstack's own JVMs: this module's classes and its runtime dependencies. */
    public static String classpath() {
        try (InputStream in = StackClient.class.getResourceAsStream("classpath.txt")) {
            String dependencies = new String(in.readAllBytes(), StandardCharsets.UTF_8).strip();
            Path own = Path.of(StackClient.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            return own + java.io.File.pathSeparator + dependencies;
        } catch (IOException | URISyntaxException | NullPointerException e) {
            throw new IllegalStateException("the devstack was not built with Maven (classpath.txt missing)", e);
        }
    }

    private static StackInfo spawn(StackSettings settings, long holder) throws IOException, InterruptedException {
        Path dir = settings.dir();
        Files.createDirectories(dir);
        Path log = dir.getParent().resolve(settings.name() + "-supervisor.log");
        if (Files.exists(log)) {
            Files.move(log, log.resolveSibling(log.getFileName() + ".previous"), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        }
        List<String> command = new ArrayList<>(List.of(Processes.javaExecutable(), "-Xmx256m",
                "-Ddevstack.dir=" + settings.home(),
                "-Ddevstack.idle-timeout=" + settings.idleTimeout(),
                "-Ddevstack.name=" + settings.name(),
                "-cp", classpath(), Main.class.getName(), "supervise", Long.toString(holder)));
        Process supervisor = Processes.start(command, settings.home(), log, Map.of());
        long deadline = System.nanoTime() + Duration.ofMinutes(10).toNanos();
        while (System.nanoTime() < deadline) {
            if (!supervisor.isAlive()) {
                throw new IllegalStateException("the stack did not start (" + log + "):\n" + Processes.tail(log, 60));
            }
            Optional<StackInfo> started = find(dir).filter(info -> info.supervisorPid() == supervisor.pid());
            if (started.isPresent()) {
                return started.get();
            }
            Thread.sleep(250);
        }
        Processes.stop(supervisor.toHandle(), Duration.ofSeconds(30));
        throw new IllegalStateException("the stack did not start within 10 minutes (" + log + "):\n" + Processes.tail(log, 60));
    }

    private static void control(StackInfo stack, String path) {
        try {
            call(stack, "POST", path);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static String call(StackInfo stack, String method, String path) throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(URI.create(stack.controlUrl() + "/" + path))
                .header("Authorization", "Bearer " + stack.controlToken())
                .timeout(Duration.ofMinutes(3))
                .method(method, HttpRequest.BodyPublishers.noBody())
                .build();
        HttpResponse<String> response = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() >= 300) {
            throw new IOException(method + " " + path + " answered " + response.statusCode() + ": " + response.body());
        }
        return response.body();
    }
}
