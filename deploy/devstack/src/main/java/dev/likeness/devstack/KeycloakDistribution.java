package dev.likeness.devstack;

import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

/**
 * The Keycloak server distribution and the imported realm, prepared once per devstack directory
 * and shared by its stacks: unpacking and {@code kc.sh build} take ~35 s and a realm import ~20 s,
 * while starting from a copy of the imported database takes ~10 s.
 */
final class KeycloakDistribution {

    /** Build-time options; every start passes {@code --optimized}, so they must not vary. */
    private static final List<String> BUILD_OPTIONS = List.of("--db=dev-file", "--health-enabled=true");

    /** One node: the default clustered cache binds JGroups beyond loopback and waits ~20 s to join old nodes. */
    static final String LOCAL_CACHE = "--cache=local";

    private final Path root;
    private final String version;
    private final Path archive;

    private KeycloakDistribution(Path root, String version, Path archive) {
        this.root = root;
        this.version = version;
        this.archive = archive;
    }

    static KeycloakDistribution in(Path home) throws IOException {
        Properties properties = new Properties();
        try (InputStream in = KeycloakDistribution.class.getResourceAsStream("devstack.properties")) {
            properties.load(in);
        }
        return new KeycloakDistribution(home.resolve("keycloak"), properties.getProperty("keycloak.version"),
                Path.of(properties.getProperty("keycloak.distribution")));
    }

    /** The unpacked and built distribution, read-only from here on. */
    Path built() throws IOException, InterruptedException {
        Path dist = root.resolve("keycloak-" + version);
        Path marker = buildMarker(dist);
        String options = String.join(" ", BUILD_OPTIONS);
        return locked(() -> {
            if (Files.exists(marker) && Files.readString(marker).startsWith(options + "\n")) {
                return dist;
            }
            Trees.delete(dist);
            unzip(archive, root, "keycloak-" + version + "/");
            List<String> build = new ArrayList<>(List.of(dist.resolve("bin/kc.sh").toString(), "build"));
            build.addAll(BUILD_OPTIONS);
            run(build, dist, root.resolve("build.log"), Map.of());
            // A new id per build: stacks hard-link the files, so they must relink after a rebuild.
            Files.writeString(marker, options + "\n" + java.util.UUID.randomUUID());
            return dist;
        });
    }

    /**
     * A database into which the rendered realm was imported, keyed by Keycloak's version, the realm and the master
     * realm's administrator: Keycloak creates that administrator only with a new master realm.
     */
    Path imported(Path dist, String realmJson, String adminPassword) throws IOException, InterruptedException {
        Path db = root.resolve("realm-" + version + "-" + sha256(realmJson + adminPassword).substring(0, 16));
        Path marker = db.resolve(".devstack-imported");
        return locked(() -> {
            if (Files.exists(marker)) {
                return db;
            }
            Trees.delete(db);
            Files.createDirectories(db);
            Path realmFile = db.resolve("realm.json");
            Files.writeString(realmFile, realmJson);
            Files.setPosixFilePermissions(realmFile, PosixFilePermissions.fromString("rw-------"));
            run(List.of(dist.resolve("bin/kc.sh").toString(), "import", "--optimized",
                    "--file=" + realmFile, "--db-url=" + jdbcUrl(db), LOCAL_CACHE,
                    "--http-host=127.0.0.1", "--http-management-port=" + StackSettings.freePort()),
                    dist, root.resolve("import.log"), Map.of(
                            "KC_BOOTSTRAP_ADMIN_USERNAME", Realm.ADMIN_USER,
                            "KC_BOOTSTRAP_ADMIN_PASSWORD", adminPassword));
            Files.delete(realmFile);
            Files.writeString(marker, "");
            return db;
        });
    }

    static Path buildMarker(Path dist) {
        return dist.resolve(".devstack-built");
    }

    static String jdbcUrl(Path dbDir) {
        return "jdbc:h2:file:" + dbDir.resolve("keycloakdb") + ";NON_KEYWORDS=VALUE";
    }

    static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(
                    MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void unzip(Path archive, Path into, String prefix) throws IOException {
        try (ZipFile zip = new ZipFile(archive.toFile())) {
            for (ZipEntry entry : java.util.Collections.list(zip.entries())) {
                Path target = into.resolve(entry.getName()).normalize();
                if (!entry.getName().startsWith(prefix) || !target.startsWith(into)) {
                    continue;
                }
                if (entry.isDirectory()) {
                    Files.createDirectories(target);
                    continue;
                }
                Files.createDirectories(target.getParent());
                try (InputStream in = zip.getInputStream(entry)) {
                    Files.copy(in, target);
                }
                if (entry.getName().endsWith(".sh")) {
                    Files.setPosixFilePermissions(target, PosixFilePermissions.fromString("rwxr-xr-x"));
                }
            }
        }
    }

    private static void run(List<String> command, Path dist, Path log, Map<String, String> env)
            throws IOException, InterruptedException {
        Map<String, String> environment = new java.util.HashMap<>(env);
        environment.put("JAVA_HOME", System.getProperty("java.home"));
        Process process = Processes.start(command, dist, log, environment);
        if (!process.waitFor(10, TimeUnit.MINUTES) || process.exitValue() != 0) {
            process.destroyForcibly();
            throw new IllegalStateException(String.join(" ", command) + " failed:\n" + Processes.tail(log, 40));
        }
    }

    private interface Step {
        Path run() throws IOException, InterruptedException;
    }

    /** Serialises preparation across stacks and processes sharing this devstack directory. */
    private Path locked(Step step) throws IOException, InterruptedException {
        Files.createDirectories(root);
        try (FileChannel channel = FileChannel.open(root.resolve(".lock"), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
             FileLock ignored = channel.lock()) {
            return step.run();
        }
    }
}
