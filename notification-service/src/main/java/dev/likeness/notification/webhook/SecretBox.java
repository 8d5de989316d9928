package dev.likeness.notification.webhook;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.UUID;

import javax.crypto.Cipher;
import javax.crypto.SecretKey;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

import jakarta.enterprise.context.ApplicationScoped;

/** Endpoint secrets at rest: AES-256-GCM, the endpoint id as authenticated data (a secret cannot move to another endpoint). */
@ApplicationScoped
public class SecretBox {

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final int IV_BYTES = 12;
    private static final int TAG_BITS = 128;

    private final SecretKey key;

    SecretBox(WebhookConfig config) {
        byte[] bytes = Base64.getDecoder().decode(config.secretEncryptionKey());
        if (bytes.length != 32) {
            throw new IllegalArgumentException("likeness.webhooks.secret-encryption-key must be 32 bytes, base64");
        }
        this.key = new SecretKeySpec(bytes, "AES");
    }

    String seal(String secret, UUID endpointId) {
        try {
            byte[] iv = new byte[IV_BYTES];
            RANDOM.nextBytes(iv);
            Cipher cipher = cipher(Cipher.ENCRYPT_MODE, new GCMParameterSpec(TAG_BITS, iv), endpointId);
            byte[] sealed = cipher.doFinal(secret.getBytes(StandardCharsets.UTF_8));
            return Base64.getEncoder().encodeToString(ByteBuffer.allocate(IV_BYTES + sealed.length).put(iv).put(sealed).array());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    String open(String sealed, UUID endpointId) {
        byte[] bytes = Base64.getDecoder().decode(sealed);
        try {
            Cipher cipher = cipher(Cipher.DECRYPT_MODE, new GCMParameterSpec(TAG_BITS, bytes, 0, IV_BYTES), endpointId);
            return new String(cipher.doFinal(bytes, IV_BYTES, bytes.length - IV_BYTES), StandardCharsets.UTF_8);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("secret of endpoint " + endpointId + " does not decrypt: wrong encryption key?", e);
        }
    }

    private Cipher cipher(int mode, GCMParameterSpec spec, UUID endpointId) throws GeneralSecurityException {
        Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
        cipher.init(mode, key, spec);
        cipher.updateAAD(endpointId.toString().getBytes(StandardCharsets.UTF_8));
        return cipher;
    }
}
