package dev.likeness.devstack;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The local stack's command line (deploy/run.sh calls it):
 * <pre>
 *   run [--reset]     the stack, the three services, then the web console; Ctrl-C stops everything
 *   stack [--reset]   the stack alone, e.g. for quarkus:dev or an IDE
 *   status            the running stack's addresses and credentials (JSON)
 *   stop              stops the running stack
 *   supervise PID     (tests) a test stack held by process PID, stopped once it is gone
 * </pre>
 * ({@code deploy/devstack.sh sample-capture} runs deploy/capture-fixtures' {@code SampleCapture} instead.)
 */
public final class Main {

    private Main() {
    }

    public static void main(String[] args) throws Exception {
        String command = args.length == 0 ? "run" : args[0];
        boolean reset = List.of(args).contains("--reset");
        Path home = StackSettings.defaultHome();
        switch (command) {
            case "run" -> {
                try {
                    run(home, reset);
                } catch (IllegalStateException notStarted) {
                    // A service or the console not built, exited or not ready: say which, and let the
                    // shutdown hook stop what had started instead of leaving it running.
                    System.err.println(notStarted.getMessage());
                    System.exit(1);
                }
            }
            case "stack" -> stack(home, reset);
            case "status" -> System.out.println(running(home).toJson());
            case "stop" -> StackClient.shutdown(running(home));
            case "supervise" -> supervise(home, Long.parseLong(args[1]));
            default -> {
                System.err.println("usage: run [--reset] | stack [--reset] | status | stop");
                System.exit(2);
            }
        }
    }

    private static StackInfo running(Path home) {
        return StackClient.find(StackSettings.run(home, false).dir())
                .orElseThrow(() -> new IllegalStateException("no stack is running in " + home));
    }

    private static void supervise(Path home, long holder) throws Exception {
        Supervisor supervisor = new Supervisor(StackSettings.test(home));
        Runtime.getRuntime().addShutdownHook(new Thread(supervisor::close));
        supervisor.start();
        supervisor.hold(holder);
        supervisor.awaitClose();
    }

    private static void stack(Path home, boolean reset) throws Exception {
        Supervisor supervisor = new Supervisor(StackSettings.run(home, reset));
        Runtime.getRuntime().addShutdownHook(new Thread(supervisor::close));
        StackInfo stack = supervisor.start();
        System.out.println(banner(stack, List.of()));
        supervisor.awaitClose();
    }

    private static void run(Path home, boolean reset) throws Exception {
        StackSettings settings = StackSettings.run(home, reset);
        Optional<StackInfo> reused = StackClient.find(settings.dir());
        if (reused.isPresent() && reset) {
            System.err.println("A stack is running in " + settings.dir() + ": stop it (deploy/devstack.sh stop) before --reset");
            System.exit(1);
        }
        Supervisor supervisor = reused.isPresent() ? null : new Supervisor(settings);
        List<ServiceProcess> services = Collections.synchronizedList(new ArrayList<>());
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            System.out.println("\nStopping the services and the stack...");
            services.parallelStream().forEach(ServiceProcess::close);
            if (supervisor != null) {
                supervisor.close();
            }
        }));

        System.out.println(reused.isPresent() ? "Reusing the stack already running in " + settings.dir()
                : "Starting PostgreSQL, Kafka and Keycloak (the first start unpacks and imports Keycloak: about a minute)...");
        StackInfo stack = reused.isPresent() ? reused.get() : supervisor.start();

        Path repository = Path.of("").toAbsolutePath();
        Path logs = settings.dir().resolve("logs");
        Map<Service, ServiceProcess> backends = new EnumMap<>(Service.class);
        for (Service service : Service.BACKENDS) {
            ServiceProcess process = ServiceProcess.start(repository, service, stack, port(service), logs, Map.of());
            services.add(process);
            backends.put(service, process);
        }
        for (ServiceProcess service : backends.values()) {
            service.awaitReady(Duration.ofMinutes(2));
        }
        // The console calls the three services: it starts once they answer.
        ServiceProcess console = ServiceProcess.start(repository, Service.WEB_CONSOLE, stack, port(Service.WEB_CONSOLE), logs,
                ServiceConfig.backendUrls(service -> backends.get(service).url()));
        services.add(console);
        console.awaitReady(Duration.ofMinutes(2));
        writeDemoEnvironment(settings.dir().resolve("demo.env"), stack, services);
        System.out.println(banner(stack, services));
        if (supervisor != null) {
            supervisor.awaitClose();
        } else {
            Thread.currentThread().join();
        }
    }

    private static int port(Service service) {
        return StackSettings.port(service.module, service.defaultPort);
    }

    /**
     * Where a browser opens the console. The realm lets it redirect back to
     * {@code http://localhost:8080/*}, and to {@code http://127.0.0.1} on any port (RFC 8252
     * loopback redirection), which serves any other port. On localhost the console's cookies stay
     * apart from Keycloak's, which live on 127.0.0.1 (cookies are not kept apart by port).
     */
    private static String browserUrl(ServiceProcess console) {
        return console.port() == Service.WEB_CONSOLE.defaultPort ? "http://localhost:" + console.port() : console.url();
    }

    /** Shell variables for deploy/demo.sh, so the walkthrough needs no copy and paste. */
    private static void writeDemoEnvironment(Path file, StackInfo stack, List<ServiceProcess> services) throws Exception {
        StringBuilder env = new StringBuilder();
        for (ServiceProcess service : services) {
            env.append(service.service().name()).append("_URL=")
                    .append(service.service() == Service.WEB_CONSOLE ? browserUrl(service) : service.url()).append('\n');
        }
        env.append("KEYCLOAK_URL=").append(stack.keycloak().url()).append('\n');
        env.append("TOKEN_URL=").append(stack.keycloak().tokenEndpoint()).append('\n');
        env.append("TEST_CLIENT_ID=").append(stack.client(StackInfo.TEST_CLIENT).clientId()).append('\n');
        env.append("PLATFORM_CLIENT_ID=").append(stack.client(StackInfo.PLATFORM_CLIENT).clientId()).append('\n');
        env.append("PLATFORM_CLIENT_SECRET=").append(stack.client(StackInfo.PLATFORM_CLIENT).secret()).append('\n');
        env.append("KAFKA_BOOTSTRAP_SERVERS=").append(stack.kafka().bootstrapServers()).append('\n');
        Files.writeString(file, env);
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
    }

    private static String banner(StackInfo stack, List<ServiceProcess> services) {
        StringBuilder out = new StringBuilder("\n=== Likeness consent platform: local stack ready ===\n\n");
        services.stream().filter(service -> service.service() == Service.WEB_CONSOLE).forEach(console -> out.append(
                String.format("  Open %s in a browser and log in as alice (password alice)%n%n", browserUrl(console))));
        for (ServiceProcess service : services) {
            if (service.service() == Service.WEB_CONSOLE) {
                continue;
            }
            out.append(String.format("  %-22s %s   (OpenAPI %s/q/openapi, Swagger UI %s/q/swagger-ui)%n",
                    service.service().module, service.url(), service.url(), service.url()));
        }
        StackInfo.Client platform = stack.client(StackInfo.PLATFORM_CLIENT);
        out.append(String.format("""
                  Keycloak               %s   (admin console: %s / %s)
                  Kafka                  %s
                  PostgreSQL             %s:%d   (databases identity, consent, notification)

                Demo accounts (realm %s, password = user name):
                  alice, bob, carol      role user
                  dana                   role trust-safety
                  platform client        %s, secret %s (role platform, client credentials)

                A user token:  curl -s -d grant_type=password -d client_id=%s -d username=alice -d password=alice %s
                Walkthrough:   deploy/demo.sh        Logs: %s
                """,
                stack.keycloak().url(), stack.keycloak().adminUser(), stack.keycloak().adminPassword(),
                stack.kafka().bootstrapServers(), stack.postgres().host(), stack.postgres().port(),
                stack.keycloak().realm(), platform.clientId(), platform.secret(),
                stack.client(StackInfo.TEST_CLIENT).clientId(), stack.keycloak().tokenEndpoint(),
                StackSettings.defaultHome().resolve("stacks").resolve(stack.name())));
        out.append(services.isEmpty() ? "Press Ctrl-C to stop the stack.\n" : "Press Ctrl-C to stop everything.\n");
        return out.toString();
    }
}
