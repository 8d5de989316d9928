package dev.likeness.devstack;

import java.io.File;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

/**
 * Real PostgreSQL 18 from zonky's binaries, one database and one login role per service.
 * Services authenticate with passwords (SCRAM) as they would in production.
 */
final class PostgresServer implements Server {

    private static final String HBA = """
            # Written by the devstack: the local superuser needs no password, services use theirs.
            local all all trust
            host  all postgres 127.0.0.1/32 trust
            host  all postgres ::1/128 trust
            host  all all 127.0.0.1/32 scram-sha-256
            host  all all ::1/128 scram-sha-256
            """;

    private final Path dir;
    private final Path binaries;
    private final int port;
    private final Secrets secrets;
    private EmbeddedPostgres postgres;

    PostgresServer(Path dir, Path binaries, int port, Secrets secrets) {
        this.dir = dir;
        this.binaries = binaries;
        this.port = port;
        this.secrets = secrets;
    }

    @Override
    public String name() {
        return "postgres";
    }

    @Override
    public synchronized void start() throws IOException, SQLException {
        Path data = dir.resolve("data");
        File log = dir.resolve("postgres.log").toFile();
        Files.createDirectories(dir);
        Files.createDirectories(binaries);
        stopLeftover(data);
        postgres = EmbeddedPostgres.builder()
                .setDataDirectory(data)
                .setCleanDataDirectory(false)
                .setPort(port)
                .setOverrideWorkingDirectory(binaries.toFile())
                .setRegisterShutdownHook(false)
                // zonky turns this off for speed; an acknowledged commit must survive a crash here too.
                .setServerConfig("synchronous_commit", "on")
                .setDataDirectoryCustomizer(directory -> writeHba(directory.toPath()))
                .setOutputRedirector(ProcessBuilder.Redirect.appendTo(log))
                .setErrorRedirector(ProcessBuilder.Redirect.appendTo(log))
                .setPGStartupWait(Duration.ofSeconds(60))
                .start();
        createDatabases();
    }

    @Override
    public synchronized void stop() {
        if (postgres != null) {
            try {
                postgres.close();
            } catch (IOException e) {
                throw new IllegalStateException("PostgreSQL did not stop", e);
            }
            postgres = null;
        }
    }

    private void createDatabases() throws SQLException {
        try (Connection connection = postgres.getPostgresDatabase().getConnection();
             Statement statement = connection.createStatement()) {
            for (Service service : Service.BACKENDS) {
                String role = service.database;
                String password = secrets.databasePassword(service).replace("'", "''");
                boolean exists = exists(connection, "SELECT 1 FROM pg_roles WHERE rolname = ?", role);
                statement.execute((exists ? "ALTER ROLE " : "CREATE ROLE ") + role + " LOGIN PASSWORD '" + password + "'");
                if (!exists(connection, "SELECT 1 FROM pg_database WHERE datname = ?", service.database)) {
                    statement.execute("CREATE DATABASE " + service.database + " OWNER " + role);
                }
            }
        }
    }

    private static boolean exists(Connection connection, String sql, String name) throws SQLException {
        try (PreparedStatement query = connection.prepareStatement(sql)) {
            query.setString(1, name);
            try (ResultSet rows = query.executeQuery()) {
                return rows.next();
            }
        }
    }

    private static void writeHba(Path data) {
        try {
            Files.writeString(data.resolve("pg_hba.conf"), HBA);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A supervisor killed with SIGKILL leaves its postmaster running (pg_ctl daemonizes it). */
    private void stopLeftover(Path data) throws IOException {
        if (!Files.exists(data.resolve("postmaster.pid"))) {
            return;
        }
        Path pgCtl = findPgCtl();
        if (pgCtl == null) {
            return;
        }
        Process stop = new ProcessBuilder(List.of(pgCtl.toString(), "-D", data.toString(), "stop", "-m", "fast", "-w"))
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(dir.resolve("postgres.log").toFile()))
                .start();
        try {
            stop.waitFor(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private Path findPgCtl() throws IOException {
        try (DirectoryStream<Path> unpacked = Files.newDirectoryStream(binaries, "PG-*")) {
            for (Path candidate : unpacked) {
                Path pgCtl = candidate.resolve("bin/pg_ctl");
                if (Files.isExecutable(pgCtl)) {
                    return pgCtl;
                }
            }
        }
        return null;
    }
}
