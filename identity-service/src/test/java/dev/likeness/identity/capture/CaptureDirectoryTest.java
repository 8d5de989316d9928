package dev.likeness.identity.capture;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Raw captures wait only in a directory of this service's user, and what a crash leaves there is swept. */
class CaptureDirectoryTest {

    @TempDir Path parent;

    @Test
    void theDirectoryIsCreatedOrTightenedForThisUserAlone() throws Exception {
        Path created = parent.resolve("new/captures");
        CaptureDirectory.prepare(created);
        assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(created)));

        Path existing = Files.createDirectory(parent.resolve("open"), PosixFilePermissions.asFileAttribute(
                PosixFilePermissions.fromString("rwxrwxrwx")));
        CaptureDirectory.prepare(existing);
        assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(existing)));
    }

    @Test
    void aLinkOrAFileIsRefused() throws Exception {
        Path target = Files.createDirectory(parent.resolve("elsewhere"));
        Path link = Files.createSymbolicLink(parent.resolve("link"), target);
        assertThrows(IllegalStateException.class, () -> CaptureDirectory.prepare(link));
        Path file = Files.createFile(parent.resolve("file"));
        assertThrows(IllegalStateException.class, () -> CaptureDirectory.prepare(file));
    }

    @Test
    void anotherUsersDirectoryIsRefused() throws Exception {
        Assumptions.assumeTrue("root".equals(System.getProperty("user.name")), "only root can give a directory away");
        Path theirs = Files.createDirectory(parent.resolve("theirs"));
        Files.setOwner(theirs, theirs.getFileSystem().getUserPrincipalLookupService().lookupPrincipalByName("nobody"));
        assertThrows(IllegalStateException.class, () -> CaptureDirectory.prepare(theirs));
    }

    @Test
    void filesOlderThanAbandonedAfterAreSweptAndOthersKept() throws Exception {
        Path uploads = parent.resolve("captures");
        CaptureDirectory.prepare(uploads);
        Path abandoned = Files.createFile(uploads.resolve("capture1.bin"));
        Files.setLastModifiedTime(abandoned, FileTime.from(Instant.now().minus(Duration.ofMinutes(16))));
        Path uploading = Files.createFile(uploads.resolve("capture2.bin"));
        Path folder = Files.createDirectory(uploads.resolve("folder"));
        Files.setLastModifiedTime(folder, FileTime.from(Instant.now().minus(Duration.ofDays(1))));

        assertEquals(1, CaptureDirectory.removeAbandoned(uploads, Duration.ofMinutes(15)));
        assertFalse(Files.exists(abandoned));
        assertTrue(Files.exists(uploading));
        assertTrue(Files.exists(folder), "only files are swept");
    }
}
