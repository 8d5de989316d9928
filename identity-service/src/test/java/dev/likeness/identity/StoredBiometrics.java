package dev.likeness.identity;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Base64;
import java.util.UUID;

import javax.crypto.Cipher;
import javax.crypto.SecretKey;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

import io.vertx.mutiny.sqlclient.Row;

/**
 * Biometric records decrypted as they are stored, with the tests' own AES-256-GCM (IV of 12 bytes
 * first, the likeness id and the kind as authenticated data, as the README describes the format),
 * not with the service's code.
 */
final class StoredBiometrics {

    private StoredBiometrics() {
    }

    static SecretKey key(String base64) {
        return new SecretKeySpec(Base64.getDecoder().decode(base64), "AES");
    }

    /** A record's content, from a row with its likeness' {@code wrapped_key} and its {@code ciphertext}. */
    static byte[] content(Row stored, SecretKey keyEncryptionKey, UUID likeness, String kind) throws GeneralSecurityException {
        return open(dataKey(keyEncryptionKey, bytes(stored, "wrapped_key"), likeness), bytes(stored, "ciphertext"), context(likeness, kind));
    }

    static SecretKey dataKey(SecretKey keyEncryptionKey, byte[] wrapped, UUID likeness) throws GeneralSecurityException {
        return new SecretKeySpec(open(keyEncryptionKey, wrapped, id(likeness)), "AES");
    }

    static byte[] open(SecretKey key, byte[] sealed, byte[] context) throws GeneralSecurityException {
        Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
        cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(128, sealed, 0, 12));
        cipher.updateAAD(context);
        return cipher.doFinal(sealed, 12, sealed.length - 12);
    }

    static byte[] context(UUID likeness, String kind) {
        byte[] name = kind.getBytes(StandardCharsets.UTF_8);
        return ByteBuffer.allocate(16 + name.length).put(id(likeness)).put(name).array();
    }

    static byte[] bytes(Row row, String column) {
        return row.getBuffer(column).getBytes();
    }

    private static byte[] id(UUID likeness) {
        return ByteBuffer.allocate(16).putLong(likeness.getMostSignificantBits()).putLong(likeness.getLeastSignificantBits()).array();
    }
}
