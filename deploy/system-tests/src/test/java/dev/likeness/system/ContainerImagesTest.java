package dev.likeness.system;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.io.InputStream;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Properties;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Each application's {@code src/main/docker/Dockerfile.jvm}, checked against what the package step
 * built (this module runs after the four are packaged): no container engine is needed, so only the
 * image layers themselves are left untested.
 */
class ContainerImagesTest {

    private static final Path REPOSITORY = Path.of("..", "..");
    /** The glibc of identity-service's base image, Ubuntu 24.04 (noble); see its Dockerfile. */
    private static final int NOBLE_GLIBC_MINOR = 39;
    /** Quarkus' default {@code quarkus.management.port}: health and metrics in every image. */
    private static final String MANAGEMENT_PORT = "9000";
    private static final Pattern GLIBC_VERSION = Pattern.compile("GLIBC_2\\.(\\d+)");

    @ParameterizedTest
    @ValueSource(strings = {"identity-service", "consent-service", "notification-service", "web-console"})
    void everyCopiedPathWasPackagedAndTheImageRunsAsNonRootOnTheConfiguredPort(String module) throws IOException {
        Path context = REPOSITORY.resolve(module);
        List<String[]> instructions = instructions(context.resolve("src/main/docker/Dockerfile.jvm"));
        List<String> reincluded = reincluded(context.resolve(".dockerignore"));

        int copies = 0;
        for (String[] copy : all(instructions, "COPY")) {
            List<String> sources = Arrays.stream(copy).skip(1).filter(arg -> !arg.startsWith("--")).toList();
            assertTrue(Arrays.asList(copy).contains("--chown=185"), module + ": copied files belong to the image's user: "
                    + String.join(" ", copy));
            for (String source : sources.subList(0, sources.size() - 1)) {
                assertTrue(matches(context, source) > 0, module + ": COPY " + source + " matches nothing after the package step");
                assertTrue(reincluded.stream().anyMatch(source::startsWith),
                        module + ": .dockerignore keeps " + source + " out of the build context");
                copies++;
            }
        }
        assertEquals(4, copies, module + ": the four layers of the fast-jar layout (lib/, *.jar, app/, quarkus/)");
        assertTrue(Files.isRegularFile(context.resolve("target/quarkus-app/quarkus-run.jar")), module + ": quarkus-run.jar");

        String user = last(instructions, "USER")[1];
        assertEquals("185", user, module + ": runs as the non-root user 185 that owns the copied files");

        String port = properties(context.resolve("src/main/resources/application.properties")).getProperty("quarkus.http.port");
        assertNotNull(port, module + ": quarkus.http.port in application.properties");
        Properties settings = properties(context.resolve("src/main/resources/application.properties"));
        assertEquals("true", settings.getProperty("quarkus.management.enabled"), module + ": health and metrics on the management interface");
        String[] expose = last(instructions, "EXPOSE");
        assertEquals(List.of(port, MANAGEMENT_PORT), List.of(expose).subList(1, expose.length),
                module + ": EXPOSE the service's quarkus.http.port and the management interface's port");

        String image = last(instructions, "FROM")[1];
        String tag = image.substring(image.lastIndexOf(':') + 1);
        assertTrue(image.contains(":") && tag.matches(".*\\d.*") && !tag.equals("latest"), module + ": base image pinned: " + image);
    }

    /**
     * FFmpeg's and ONNX Runtime's libraries come in Maven jars and are loaded from them at run time: the base image's
     * glibc must be at least the newest version they link against (UBI 9's 2.34 is not: FFmpeg 8.0.1-1.5.13 needs 2.35).
     */
    @Test
    void identityServicesBaseImageHasTheGlibcItsPackagedNativeLibrariesNeed() throws IOException {
        Path context = REPOSITORY.resolve("identity-service");
        String image = last(instructions(context.resolve("src/main/docker/Dockerfile.jvm")), "FROM")[1];
        assertTrue(image.endsWith("-noble"), "identity-service's base image is Ubuntu 24.04 (noble): " + image);

        int newest = 0;
        List<String> libraries = new ArrayList<>();
        try (Stream<Path> jars = Files.list(context.resolve("target/quarkus-app/lib/main"))) {
            for (Path jar : jars.filter(j -> j.toString().endsWith(".jar")).toList()) {
                try (ZipFile zip = new ZipFile(jar.toFile())) {
                    for (ZipEntry entry : java.util.Collections.list(zip.entries())) {
                        String name = entry.getName();
                        if (name.matches(".*/linux-(x86_64|x64)/[^/]+\\.so(\\.\\d+)*")) {
                            libraries.add(name);
                            try (InputStream in = zip.getInputStream(entry)) {
                                newest = Math.max(newest, newestGlibc(in.readAllBytes()));
                            }
                        }
                    }
                }
            }
        }
        assertTrue(libraries.stream().anyMatch(l -> l.contains("libavcodec")), "FFmpeg's libraries were found: " + libraries);
        assertTrue(libraries.stream().anyMatch(l -> l.contains("libonnxruntime")), "ONNX Runtime was found: " + libraries);
        assertTrue(newest <= NOBLE_GLIBC_MINOR, "the packaged native libraries need glibc 2." + newest
                + ", newer than the base image's 2." + NOBLE_GLIBC_MINOR + ": choose a newer base image");
    }

    /** The highest {@code GLIBC_2.N} version a shared library names (its symbol version requirements). */
    private static int newestGlibc(byte[] library) {
        Matcher version = GLIBC_VERSION.matcher(new String(library, StandardCharsets.ISO_8859_1));
        int newest = 0;
        while (version.find()) {
            newest = Math.max(newest, Integer.parseInt(version.group(1)));
        }
        return newest;
    }

    /** Files a COPY source names in the build context; a glob matches within its directory, as Docker does. */
    private static long matches(Path context, String source) throws IOException {
        Path path = context.resolve(source);
        if (!source.contains("*")) {
            if (Files.isDirectory(path)) {
                try (Stream<Path> files = Files.list(path)) {
                    return files.count();
                }
            }
            return Files.isRegularFile(path) && !source.endsWith("/") ? 1 : 0;
        }
        PathMatcher glob = FileSystems.getDefault().getPathMatcher("glob:" + path.getFileName());
        try (Stream<Path> files = Files.list(path.getParent())) {
            return files.filter(f -> glob.matches(f.getFileName())).count();
        }
    }

    /** What a {@code .dockerignore} of the form "{@code *}, then {@code !path/*}" lets into the build context. */
    private static List<String> reincluded(Path dockerignore) throws IOException {
        List<String> lines = Files.readAllLines(dockerignore).stream().map(String::strip)
                .filter(l -> !l.isEmpty() && !l.startsWith("#")).toList();
        assertEquals("*", lines.get(0), dockerignore + " starts by leaving everything out");
        return lines.stream().filter(l -> l.startsWith("!")).map(l -> l.substring(1).replaceFirst("\\*$", "")).toList();
    }

    /** The Dockerfile's instructions, continuation lines joined, each split into words. */
    private static List<String[]> instructions(Path dockerfile) throws IOException {
        String text = Files.readString(dockerfile).replaceAll("\\\\\\n", " ");
        List<String[]> instructions = new ArrayList<>();
        for (String line : text.split("\n")) {
            String stripped = line.strip();
            if (!stripped.isEmpty() && !stripped.startsWith("#")) {
                instructions.add(stripped.split("\\s+"));
            }
        }
        return instructions;
    }

    private static List<String[]> all(List<String[]> instructions, String keyword) {
        return instructions.stream().filter(i -> i[0].equalsIgnoreCase(keyword)).toList();
    }

    private static String[] last(List<String[]> instructions, String keyword) {
        List<String[]> found = all(instructions, keyword);
        if (found.isEmpty()) {
            fail("no " + keyword + " instruction");
        }
        return found.get(found.size() - 1);
    }

    private static Properties properties(Path file) throws IOException {
        Properties properties = new Properties();
        properties.load(new StringReader(Files.readString(file)));
        assertFalse(properties.isEmpty(), file.toString());
        return properties;
    }
}
