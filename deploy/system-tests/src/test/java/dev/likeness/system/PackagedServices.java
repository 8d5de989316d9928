package dev.likeness.system;

import java.nio.file.Path;
import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;

import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

import dev.likeness.devstack.Service;
import dev.likeness.devstack.ServiceProcess;
import dev.likeness.devstack.StackInfo;
import dev.likeness.devstack.testing.TestStack;

/**
 * The three packaged services on the test stack, started once for every test class of the run
 * that extends with this (started like {@link FirstJourneyIT}'s), stopped when the run ends.
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

    private static synchronized Running start() {
        Map<Service, ServiceProcess> processes = new EnumMap<>(Service.class);
        try {
            StackInfo stack = TestStack.info();
            Path repository = Path.of(System.getProperty("likeness.repository"));
            Path logs = repository.resolve("deploy/system-tests/target/service-logs");
            for (Service service : Service.values()) {
                processes.put(service, ServiceProcess.start(repository, service, stack, 0, logs, Map.of()));
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

    /** Closed by JUnit when the run ends, being a value of the root store. */
    private record Running(Map<Service, ServiceProcess> processes) implements AutoCloseable {
        @Override
        public void close() {
            processes.values().forEach(ServiceProcess::close);
        }
    }
}
