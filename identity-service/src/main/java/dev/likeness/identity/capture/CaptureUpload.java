package dev.likeness.identity.capture;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

import dev.likeness.kit.http.ProblemException;

/**
 * An uploaded capture, streamed to a private temporary file (never whole in memory) with a size
 * cap, its SHA-256 computed on the way. Close it to delete the file.
 */
public record CaptureUpload(Path file, String sha256Hex, long size) implements AutoCloseable {

    private static final byte[] EBML = {0x1A, 0x45, (byte) 0xDF, (byte) 0xA3};

    public static CaptureUpload receive(InputStream body, long maxSize, Path directory) throws IOException {
        Path file = Files.createTempFile(directory, "capture", ".bin",
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        try {
            MessageDigest digest = sha256();
            long size = 0;
            byte[] buffer = new byte[64 * 1024];
            try (OutputStream out = new DigestOutputStream(Files.newOutputStream(file), digest)) {
                for (int read; (read = body.read(buffer)) != -1; ) {
                    size += read;
                    if (size > maxSize) {
                        throw tooLarge(maxSize);
                    }
                    out.write(buffer, 0, read);
                }
            }
            return new CaptureUpload(file, HexFormat.of().formatHex(digest.digest()), size);
        } catch (IOException | RuntimeException e) {
            Files.deleteIfExists(file);
            throw e;
        }
    }

    public static ProblemException tooLarge(long maxSize) {
        return new ProblemException(413, "capture-too-large", "Capture too large",
                "A capture may have at most " + maxSize + " bytes");
    }

    /** Whether the bytes start like the declared container: ISO BMFF (MP4) or EBML (WebM). */
    public boolean looksLike(String mediaType) throws IOException {
        byte[] head = new byte[12];
        int read;
        try (InputStream in = Files.newInputStream(file)) {
            read = in.readNBytes(head, 0, head.length);
        }
        if (mediaType.equals("video/mp4")) {
            return read >= 8 && head[4] == 'f' && head[5] == 't' && head[6] == 'y' && head[7] == 'p';
        }
        return read >= 4 && head[0] == EBML[0] && head[1] == EBML[1] && head[2] == EBML[2] && head[3] == EBML[3];
    }

    @Override
    public void close() throws IOException {
        Files.deleteIfExists(file);
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
