package dev.likeness.system;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

import dev.likeness.devstack.Service;
import dev.likeness.devstack.ServiceConfig;
import dev.likeness.devstack.ServiceProcess;
import dev.likeness.devstack.testing.TestStack;

/**
 * The three packaged services, then the web console over them, on the test stack, started once
 * for every test class of the run that extends with this, stopped when the run ends. One set
 * only: a second instance would join the same consumer groups and do the work of one a fault test
 * has killed.
 */
final class PackagedServices implements BeforeAllCallback {

    /**
     * Write limits far above what the suites send (BadInputIT sends hundreds of writes as one
     * owner, the benchmark's revocation rounds hundreds as alice), so no case meets a 429 meant
     * for a flood; consent-service's SecurityAndProblemsTest tests the limit.
     */
    static final Map<String, String> UNLIMITED_WRITES = Map.of("likeness.rate-limit.user.burst", "1000000",
            "likeness.rate-limit.platform.burst", "1000000");
    /** Three JVMs loading models and migrating at once on two shared cores: minutes, at worst. */
    private static final Duration START_TIMEOUT = Duration.ofMinutes(4);
    private static Running running;

    @Override
    public void beforeAll(ExtensionContext context) {
        context.getRoot().getStore(ExtensionContext.Namespace.GLOBAL).getOrComputeIfAbsent(PackagedServices.class, key -> start(),
                Running.class);
    }

    static String url(Service service) {
        return running.processes.get(service).url();
    }

    /** Health and metrics. */
    static String managementUrl(Service service) {
        return running.processes.get(service).managementUrl();
    }

    static long pid(Service service) {
        return running.processes.get(service).pid();
    }

    static Path log(Service service) {
        return running.processes.get(service).log();
    }

    /**
     * One more instance of a backend, configured as the packaged one (the same consumer groups and
     * outbox relay id, as a second replica of a deployment), on ports of its own; ready when
     * returned. Its caller closes it: left running, it would take partitions from every later test.
     */
    static List<ServiceProcess> moreInstances(List<Service> services) throws Exception {
        List<ServiceProcess> started = new ArrayList<>();
        for (Service service : services) {
            started.add(start(service, 0, running.processes));
        }
        for (ServiceProcess instance : started) {
            instance.awaitReady(START_TIMEOUT);
        }
        return started;
    }

    /**
     * SIGKILLs the service, as a crash would. Its log is kept as {@code <module>-<port>.killed.log};
     * {@link #restart} starts it again.
     */
    static void kill(Service service) throws Exception {
        ServiceProcess killed = running.processes.get(service);
        killed.kill();
        Files.move(killed.log(), killed.log().resolveSibling(killed.log().getFileName().toString().replaceFirst("\\.log$", ".killed.log")),
                StandardCopyOption.REPLACE_EXISTING);
    }

    /** Starts killed services again, each on its port (the console keeps calling it there); returns once they are ready. */
    static void restart(List<Service> services) throws Exception {
        List<ServiceProcess> restarted = new ArrayList<>();
        for (Service service : services) {
            if (!running.processes.get(service).isAlive()) {
                ServiceProcess again = start(service, running.processes.get(service).port(), running.processes);
                running.processes.put(service, again);
                restarted.add(again);
            }
        }
        for (ServiceProcess again : restarted) {
            again.awaitReady(START_TIMEOUT);
        }
    }

    private static synchronized Running start() {
        Map<Service, ServiceProcess> processes = new ConcurrentHashMap<>();
        try {
            for (Service service : Service.BACKENDS) {
                processes.put(service, start(service, 0, processes));
            }
            for (ServiceProcess process : processes.values()) {
                process.awaitReady(START_TIMEOUT);
            }
            // The console calls the three services: it starts once they answer.
            ServiceProcess console = start(Service.WEB_CONSOLE, 0, processes);
            processes.put(Service.WEB_CONSOLE, console);
            console.awaitReady(START_TIMEOUT);
            running = new Running(processes);
            return running;
        } catch (Exception e) {
            processes.values().forEach(ServiceProcess::close);
            throw new IllegalStateException("the packaged services did not start", e);
        }
    }

    /** @param port 0 for any free port; the console is given the backends' URLs from {@code processes} */
    private static ServiceProcess start(Service service, int port, Map<Service, ServiceProcess> processes) throws IOException {
        Path repository = Path.of(System.getProperty("likeness.repository"));
        Map<String, String> extra = new HashMap<>(switch (service) {
            case WEB_CONSOLE -> ServiceConfig.backendUrls(backend -> processes.get(backend).url());
            // Seeded challenges (tests only): with the fixed clip seeds, a run replays.
            case IDENTITY -> Map.of("likeness.enrolment.challenge-seed", "7322");
            default -> Map.of();
        });
        if (service != Service.WEB_CONSOLE) {
            extra.putAll(UNLIMITED_WRITES);
        }
        return ServiceProcess.start(repository, service, TestStack.info(), port,
                repository.resolve("deploy/system-tests/target/service-logs"), extra);
    }

    /** Closed by JUnit when the run ends, being a value of the root store. */
    private record Running(Map<Service, ServiceProcess> processes) implements AutoCloseable {
        @Override
        public void close() {
            processes.values().forEach(ServiceProcess::close);
        }
    }
}
