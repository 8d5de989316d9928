package dev.likeness.devstack;

import java.io.IOException;
import java.io.Reader;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.List;
import java.util.Properties;

/**
 * Client secrets and passwords of the local stack, generated once per machine and kept in
 * {@code <devstack dir>/secrets.properties} (mode 600), so none is ever committed.
 * The realm file names them as {@code ${LIKENESS_...}} placeholders.
 */
public final class Secrets {

    public static final String PLATFORM_SECRET = "LIKENESS_PLATFORM_SECRET";
    public static final String IDENTITY_ADMIN_SECRET = "LIKENESS_IDENTITY_ADMIN_SECRET";
    public static final String NOTIFICATION_DIRECTORY_SECRET = "LIKENESS_NOTIFICATION_DIRECTORY_SECRET";
    public static final String CONSOLE_SECRET = "LIKENESS_CONSOLE_SECRET";
    public static final String KEYCLOAK_ADMIN_PASSWORD = "KEYCLOAK_ADMIN_PASSWORD";
    /** AES-256 key (base64) that encrypts consent-service's token signing keys at rest. */
    public static final String CONSENT_TOKEN_KEK = "CONSENT_TOKEN_KEY_ENCRYPTION_KEY";
    /** AES-256 key (base64) that encrypts notification-service's webhook secrets at rest. */
    public static final String WEBHOOK_SECRET_KEK = "WEBHOOK_SECRET_KEY_ENCRYPTION_KEY";
    /** AES-256 key (base64) that wraps identity-service's per-likeness biometric data keys. */
    public static final String BIOMETRIC_KEK = "LIKENESS_BIOMETRICS_KEY_ENCRYPTION_KEY";

    private static final List<String> AES_KEYS = List.of(CONSENT_TOKEN_KEK, WEBHOOK_SECRET_KEK, BIOMETRIC_KEK);
    private static final SecureRandom RANDOM = new SecureRandom();

    private final Properties values;

    private Secrets(Properties values) {
        this.values = values;
    }

    public static synchronized Secrets load(Path home) throws IOException {
        Path file = home.resolve("secrets.properties");
        Properties values = new Properties();
        if (Files.exists(file)) {
            try (Reader reader = Files.newBufferedReader(file)) {
                values.load(reader);
            }
        }
        List<String> keys = new java.util.ArrayList<>(List.of(
                PLATFORM_SECRET, IDENTITY_ADMIN_SECRET, NOTIFICATION_DIRECTORY_SECRET, CONSOLE_SECRET, KEYCLOAK_ADMIN_PASSWORD,
                CONSENT_TOKEN_KEK, WEBHOOK_SECRET_KEK, BIOMETRIC_KEK));
        for (Service service : Service.BACKENDS) {
            keys.add(databasePasswordKey(service));
        }
        boolean changed = false;
        for (String key : keys) {
            if (!values.containsKey(key)) {
                values.setProperty(key, AES_KEYS.contains(key)
                        ? Base64.getEncoder().encodeToString(randomBytes())
                        : Base64.getUrlEncoder().withoutPadding().encodeToString(randomBytes()));
                changed = true;
            }
        }
        if (changed) {
            Files.createDirectories(home);
            Path tmp = Files.createTempFile(home, "secrets", ".tmp",
                    PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            try (Writer writer = Files.newBufferedWriter(tmp)) {
                values.store(writer, "Local stack secrets, generated on first start. Delete the file to rotate them.");
            }
            Files.move(tmp, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING,
                    java.nio.file.StandardCopyOption.ATOMIC_MOVE);
        }
        return new Secrets(values);
    }

    public String get(String key) {
        return values.getProperty(key);
    }

    public String databasePassword(Service service) {
        return get(databasePasswordKey(service));
    }

    /** Replaces {@code ${LIKENESS_...}} placeholders; Keycloak's own {@code ${...}} message keys stay. */
    String render(String template) {
        String result = template;
        for (String key : values.stringPropertyNames()) {
            if (key.startsWith("LIKENESS_")) {
                result = result.replace("${" + key + "}", values.getProperty(key));
            }
        }
        return result;
    }

    private static String databasePasswordKey(Service service) {
        return "DB_PASSWORD_" + service.database.toUpperCase(java.util.Locale.ROOT);
    }

    /** 256 random bits: URL-safe text for passwords and client secrets, standard base64 for keys. */
    private static byte[] randomBytes() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return bytes;
    }
}
