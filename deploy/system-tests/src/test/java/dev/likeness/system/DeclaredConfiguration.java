package dev.likeness.system;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.MatchResult;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The configuration an application declares, in environment variable form (Quarkus' mapping: upper case, every
 * other character {@code _}): its application.properties keys, the names of its and the kit's
 * {@code @ConfigProperty} injections, its and the kit's {@code @ConfigMapping} prefixes, and the keys and
 * variables of its README's "Configuration" section (where {@code `.client-id`} continues the key before it).
 * What compose.yaml and the Kubernetes manifests give an application is checked against it.
 */
record DeclaredConfiguration(Set<String> keys, Set<String> prefixes) {

    private static final Pattern CONFIG_MAPPING = Pattern.compile("@ConfigMapping\\(prefix\\s*=\\s*\"([^\"]+)\"");
    private static final Pattern CONFIG_PROPERTY = Pattern.compile("@ConfigProperty\\(name\\s*=\\s*\"([^\"]+)\"");

    boolean accepts(String variable) {
        return keys.contains(variable) || prefixes.stream().anyMatch(variable::startsWith);
    }

    static DeclaredConfiguration of(Path repository, String module) throws IOException {
        Path root = repository.resolve(module);
        Set<String> keys = new TreeSet<>();
        Set<String> prefixes = new TreeSet<>();

        Properties properties = new Properties();
        properties.load(new StringReader(Files.readString(root.resolve("src/main/resources/application.properties"))));
        properties.stringPropertyNames().forEach(key -> keys.add(env(key.replaceFirst("^%[^.]+\\.", ""))));

        List<Path> sources = new ArrayList<>(List.of(root.resolve("src/main/java")));
        if (Files.readString(root.resolve("pom.xml")).contains("<artifactId>likeness-service-kit</artifactId>")) {
            sources.add(repository.resolve("service-kit/src/main/java"));
        }
        for (Path source : sources) {
            try (Stream<Path> files = Files.walk(source)) {
                for (Path file : files.filter(f -> f.toString().endsWith(".java")).toList()) {
                    String java = Files.readString(file);
                    CONFIG_PROPERTY.matcher(java).results().forEach(m -> keys.add(env(m.group(1))));
                    CONFIG_MAPPING.matcher(java).results().forEach(m -> prefixes.add(env(m.group(1)) + "_"));
                }
            }
        }

        String readme = Files.readString(root.resolve("README.md"));
        int start = readme.indexOf("\n## Configuration");
        assertTrue(start >= 0, module + "'s README has a Configuration section");
        int end = readme.indexOf("\n## ", start + 1);
        for (String row : readme.substring(start, end < 0 ? readme.length() : end).split("\n")) {
            String previous = null;
            for (MatchResult token : Pattern.compile("`([^`]+)`").matcher(row).results().toList()) {
                String text = token.group(1);
                if (text.matches("[a-z][a-z0-9-]*(\\.[a-z0-9-]+)+")) {
                    keys.add(env(text));
                    previous = text;
                } else if (text.matches("\\.[a-z0-9.-]+") && previous != null) {
                    // `.realm` after `quarkus.keycloak.admin-client.server-url`: the same key with another ending.
                    String base = previous;
                    while (base.contains(".")) {
                        base = base.substring(0, base.lastIndexOf('.'));
                        keys.add(env(base + text));
                    }
                } else if (text.matches("[A-Z][A-Z0-9_]+")) {
                    keys.add(text);
                }
            }
        }
        return new DeclaredConfiguration(keys, prefixes);
    }

    private static String env(String key) {
        return key.toUpperCase(Locale.ROOT).replaceAll("[^A-Z0-9]", "_");
    }
}
