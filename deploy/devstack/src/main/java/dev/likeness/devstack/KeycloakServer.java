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

/**
 * The Keycloak server distribution as a child process, realm {@code likeness} imported from
 * deploy/keycloak/likeness-realm.json with this machine's secrets filled in.
 */
final class KeycloakServer implements Server {

    private final Path home;
    private final Path dir;
    private final int port;
    private final int managementPort;
    private final Secrets secrets;
    private Process process;

    KeycloakServer(Path home, Path dir, int port, int managementPort, Secrets secrets) {
        this.home = home;
        this.dir = dir;
        this.port = port;
        this.managementPort = managementPort;
        this.secrets = secrets;
    }

    @Override
    public String name() {
        return "keycloak";
    }

    /** Also the token issuer's host: fixed, so tokens validate whatever address a client used. */
    String url() {
        return "http://127.0.0.1:" + port;
    }

    String managementUrl() {
        return "http://127.0.0.1:" + managementPort;
    }

    @Override
    public synchronized void start() throws Exception {
        KeycloakDistribution distribution = KeycloakDistribution.in(home);
        Path dist = distribution.built();
        String realm = Realm.render(secrets);
        String adminPassword = secrets.get(Secrets.KEYCLOAK_ADMIN_PASSWORD);
        Path imported = distribution.imported(dist, realm, adminPassword);

        Path kcHome = dir.resolve("home");
        Path linkedBuild = dir.resolve("home.build");
        String build = Files.readString(KeycloakDistribution.buildMarker(dist));
        if (!Files.exists(linkedBuild) || !Files.readString(linkedBuild).equals(build)) {
            Trees.delete(kcHome);
            // Keycloak writes under its home (transaction logs, tmp): each stack gets its own, of hard links.
            Trees.link(dist, kcHome, "data");
            Files.writeString(linkedBuild, build);
        }
        // The stack keeps its own database; a changed realm file means a fresh copy of the new import.
        Path db = dir.resolve("db");
        Path realmHash = dir.resolve("realm.sha256");
        String hash = KeycloakDistribution.sha256(realm + adminPassword);
        if (!Files.exists(realmHash) || !Files.readString(realmHash).equals(hash)) {
            Trees.delete(db);
            Trees.copy(imported, db);
            Files.writeString(realmHash, hash);
        }

        List<String> command = List.of(kcHome.resolve("bin/kc.sh").toString(), "start", "--optimized",
                "--db-url=" + KeycloakDistribution.jdbcUrl(db), KeycloakDistribution.LOCAL_CACHE,
                "--http-enabled=true", "--http-host=127.0.0.1", "--http-port=" + port,
                "--hostname=" + url(), "--http-management-port=" + managementPort);
        process = Processes.start(command, kcHome, dir.resolve("keycloak.log"),
                Map.of("JAVA_HOME", System.getProperty("java.home")));
        awaitReady();
    }

    @Override
    public synchronized void stop() {
        if (process != null) {
            Processes.stop(process.toHandle(), Duration.ofSeconds(30));
            process = null;
        }
    }

    private void awaitReady() throws InterruptedException {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        HttpRequest ready = HttpRequest.newBuilder(URI.create(managementUrl() + "/health/ready"))
                .timeout(Duration.ofSeconds(5)).build();
        long deadline = System.nanoTime() + Duration.ofMinutes(3).toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("Keycloak exited:\n" + Processes.tail(dir.resolve("keycloak.log"), 40));
            }
            try {
                if (http.send(ready, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                    return;
                }
            } catch (IOException notYet) {
                // not listening yet
            }
            Thread.sleep(250);
        }
        throw new IllegalStateException("Keycloak not ready after 3 min:\n" + Processes.tail(dir.resolve("keycloak.log"), 40));
    }
}
