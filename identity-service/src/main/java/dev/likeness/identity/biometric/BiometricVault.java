package dev.likeness.identity.biometric;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.OffsetDateTime;
import java.util.UUID;

import javax.crypto.KeyGenerator;
import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;

import jakarta.enterprise.context.ApplicationScoped;

import dev.likeness.kit.crypto.Aead;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;

/**
 * Where biometric data is kept: encrypted with its likeness' data key, which is stored wrapped by
 * the key encryption key. Writes join the caller's transaction, so the data exists exactly when
 * the likeness does; {@link #shred} destroys key and data together.
 */
@ApplicationScoped
public class BiometricVault {

    public enum Kind { REFERENCE_IMAGE, CAPTURE }

    /** Decrypted content, its media type, when it was kept and when its retention ends (null: while the likeness exists). */
    public record Content(String mediaType, byte[] bytes, OffsetDateTime keptAt, OffsetDateTime deleteAfter) {
    }

    private final SecretKey keyEncryptionKey;

    BiometricVault(BiometricConfig config) {
        this.keyEncryptionKey = Aead.key(config.keyEncryptionKey(), "likeness.biometrics.key-encryption-key");
    }

    /** Keeps content for a likeness, creating its data key on first use; in the caller's transaction. */
    public Uni<Void> keep(UUID likenessId, Kind kind, String mediaType, byte[] content, OffsetDateTime now, OffsetDateTime deleteAfter) {
        return dataKey(likenessId, now).chain(key -> Panache.getSession().chain(session -> session.createNativeQuery("""
                        INSERT INTO biometric_record (likeness_id, kind, media_type, ciphertext, created_at, delete_after)
                        VALUES (?1, ?2, ?3, ?4, ?5, ?6)""")
                .setParameter(1, likenessId)
                .setParameter(2, kind.name())
                .setParameter(3, mediaType)
                .setParameter(4, Aead.seal(key, content, context(likenessId, kind)))
                .setParameter(5, now)
                .setParameter(6, deleteAfter)
                .executeUpdate())).replaceWithVoid();
    }

    /** The decrypted content, or null when there is none (never kept, expired, or shredded). */
    public Uni<Content> read(UUID likenessId, Kind kind) {
        return Panache.getSession().chain(session -> session.createNativeQuery("""
                        SELECT k.wrapped_key, r.media_type, r.ciphertext, r.created_at, r.delete_after FROM biometric_record r
                        JOIN likeness_key k ON k.likeness_id = r.likeness_id
                        WHERE r.likeness_id = ?1 AND r.kind = ?2 AND (r.delete_after IS NULL OR r.delete_after > now())""", Object[].class)
                .setParameter(1, likenessId)
                .setParameter(2, kind.name())
                .getSingleResultOrNull())
                .map(row -> row == null ? null : new Content((String) row[1],
                        decrypt(unwrap((byte[]) row[0], likenessId), (byte[]) row[2], context(likenessId, kind)),
                        (OffsetDateTime) row[3], (OffsetDateTime) row[4]));
    }

    /** Destroys the likeness' data key and every record it encrypts; in the caller's transaction. */
    public Uni<Void> shred(UUID likenessId) {
        return Panache.getSession().chain(session -> session.createNativeQuery("DELETE FROM biometric_record WHERE likeness_id = ?1")
                        .setParameter(1, likenessId).executeUpdate()
                        .chain(() -> session.createNativeQuery("DELETE FROM likeness_key WHERE likeness_id = ?1")
                                .setParameter(1, likenessId).executeUpdate()))
                .replaceWithVoid();
    }

    private Uni<SecretKey> dataKey(UUID likenessId, OffsetDateTime now) {
        return Panache.getSession().chain(session -> session.createNativeQuery(
                        "SELECT wrapped_key FROM likeness_key WHERE likeness_id = ?1", byte[].class)
                .setParameter(1, likenessId)
                .getSingleResultOrNull()
                .chain(wrapped -> {
                    if (wrapped != null) {
                        return Uni.createFrom().item(unwrap(wrapped, likenessId));
                    }
                    SecretKey key = newDataKey();
                    return session.createNativeQuery("INSERT INTO likeness_key (likeness_id, wrapped_key, created_at) VALUES (?1, ?2, ?3)")
                            .setParameter(1, likenessId)
                            .setParameter(2, Aead.seal(keyEncryptionKey, key.getEncoded(), bytes(likenessId)))
                            .setParameter(3, now)
                            .executeUpdate()
                            .replaceWith(key);
                }));
    }

    private SecretKey unwrap(byte[] wrapped, UUID likenessId) {
        return new SecretKeySpec(decrypt(keyEncryptionKey, wrapped, bytes(likenessId)), "AES");
    }

    private static byte[] decrypt(SecretKey key, byte[] sealed, byte[] context) {
        return Aead.open(key, sealed, context, "biometric data");
    }

    private static SecretKey newDataKey() {
        try {
            KeyGenerator generator = KeyGenerator.getInstance("AES");
            generator.init(256);
            return generator.generateKey();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    static byte[] context(UUID likenessId, Kind kind) {
        byte[] id = bytes(likenessId);
        byte[] name = kind.name().getBytes(StandardCharsets.UTF_8);
        return ByteBuffer.allocate(id.length + name.length).put(id).put(name).array();
    }

    private static byte[] bytes(UUID id) {
        return ByteBuffer.allocate(16).putLong(id.getMostSignificantBits()).putLong(id.getLeastSignificantBits()).array();
    }
}
