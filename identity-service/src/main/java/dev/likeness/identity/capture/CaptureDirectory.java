package dev.likeness.identity.capture;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

import org.jboss.logging.Logger;

import io.quarkus.runtime.StartupEvent;
import io.quarkus.scheduler.Scheduled;

/**
 * The private directory where raw captures wait for their verification: this service's user
 * alone may enter it (0700), and the service refuses to start when it is a link or someone
 * else's. An upload is deleted when its verification ends; a file older than
 * {@code likeness.capture.abandoned-after} was left by a crash and is swept, at start and every
 * {@code likeness.capture.sweep-interval}. By age, not all at start: instances may share the directory.
 */
@ApplicationScoped
public class CaptureDirectory {

    private static final Logger LOG = Logger.getLogger(CaptureDirectory.class);
    private static final Set<PosixFilePermission> OWNER_ONLY = PosixFilePermissions.fromString("rwx------");

    @Inject CaptureConfig config;

    void onStart(@Observes StartupEvent start) throws IOException {
        prepare(config.uploadDirectory());
        sweep();
    }

    @Scheduled(every = "${likeness.capture.sweep-interval}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void sweep() throws IOException {
        int deleted = removeAbandoned(config.uploadDirectory(), config.abandonedAfter());
        if (deleted > 0) {
            LOG.warnf("Deleted %d abandoned capture file(s) from %s", deleted, config.uploadDirectory());
        }
    }

    /** Creates the directory for this user alone, or makes sure the existing one is. */
    static void prepare(Path directory) throws IOException {
        if (Files.notExists(directory, LinkOption.NOFOLLOW_LINKS)) {
            Files.createDirectories(directory.toAbsolutePath().getParent());
            Files.createDirectory(directory, PosixFilePermissions.asFileAttribute(OWNER_ONLY));
        }
        if (!Files.isDirectory(directory, LinkOption.NOFOLLOW_LINKS)) {
            throw new IllegalStateException("likeness.capture.upload-directory " + directory + " is not a directory (or is a link)");
        }
        Path probe = Files.createTempFile(directory, "owner", ".probe"); // owned by this process' user, named or not
        try {
            if (!Files.getOwner(directory, LinkOption.NOFOLLOW_LINKS).equals(Files.getOwner(probe))) {
                throw new IllegalStateException("likeness.capture.upload-directory " + directory + " belongs to another user");
            }
        } finally {
            Files.delete(probe);
        }
        Files.setPosixFilePermissions(directory, OWNER_ONLY);
    }

    /** Deletes the files older than {@code abandonedAfter}; returns how many. */
    static int removeAbandoned(Path directory, Duration abandonedAfter) throws IOException {
        // File times are the system's, so is the clock they are compared with (not the injected one tests move).
        Instant before = Clock.systemUTC().instant().minus(abandonedAfter);
        int deleted = 0;
        try (DirectoryStream<Path> files = Files.newDirectoryStream(directory)) {
            for (Path file : files) {
                if (Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)
                        && Files.getLastModifiedTime(file, LinkOption.NOFOLLOW_LINKS).toInstant().isBefore(before)
                        && Files.deleteIfExists(file)) {
                    deleted++;
                }
            }
        }
        return deleted;
    }
}
