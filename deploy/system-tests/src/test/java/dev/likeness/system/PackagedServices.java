package dev.likeness.system;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

import dev.likeness.devstack.Service;
import dev.likeness.devstack.ServiceProcess;
import dev.likeness.devstack.testing.TestStack;

/**
 * The three packaged services on the test stack, started once for every test class of the run
 * that extends with this, stopped when the run ends. One set only: a second instance would join
 * the same consumer groups and do the work of one a fault test has killed.
 */
final class PackagedServices implements BeforeAllCallback {

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

    /** SIGKILLs the service, as a crash would, and starts it again; returns once it is ready. */
    static void killAndRestart(Service service) throws Exception {
        running.processes.get(service).kill();
        ServiceProcess restarted = start(service);
        running.processes.put(service, restarted);
        restarted.awaitReady(START_TIMEOUT);
    }

    private static synchronized Running start() {
        Map<Service, ServiceProcess> processes = new ConcurrentHashMap<>();
        try {
            for (Service service : Service.values()) {
                processes.put(service, start(service));
            }
            for (ServiceProcess process : processes.values()) {
                process.awaitReady(START_TIMEOUT);
            }
            running = new Running(processes);
            return running;
        } catch (Exception e) {
            processes.values().forEach(ServiceProcess::close);
            throw new IllegalStateException("the packaged services did not start", e);
        }
    }

    private static ServiceProcess start(Service service) throws IOException {
        Path repository = Path.of(System.getProperty("likeness.repository"));
        return ServiceProcess.start(repository, service, TestStack.info(), 0,
                repository.resolve("deploy/system-tests/target/service-logs"), Map.of());
    }

    /** Closed by JUnit when the run ends, being a value of the root store. */
    private record Running(Map<Service, ServiceProcess> processes) implements AutoCloseable {
        @Override
        public void close() {
            processes.values().forEach(ServiceProcess::close);
        }
    }
}
