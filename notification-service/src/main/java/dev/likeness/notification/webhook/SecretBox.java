package dev.likeness.notification.webhook;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.UUID;

import javax.crypto.SecretKey;

import jakarta.enterprise.context.ApplicationScoped;

import dev.likeness.kit.crypto.Aead;

/** Endpoint secrets at rest, sealed with the endpoint id as context: a secret cannot move to another endpoint. */
@ApplicationScoped
public class SecretBox {

    private final SecretKey key;

    SecretBox(WebhookConfig config) {
        this.key = Aead.key(config.secretEncryptionKey(), "likeness.webhooks.secret-encryption-key");
    }

    String seal(String secret, UUID endpointId) {
        return Base64.getEncoder().encodeToString(
                Aead.seal(key, secret.getBytes(StandardCharsets.UTF_8), Aead.context(endpointId.toString())));
    }

    String open(String sealed, UUID endpointId) {
        return new String(Aead.open(key, Base64.getDecoder().decode(sealed), Aead.context(endpointId.toString()),
                "secret of endpoint " + endpointId), StandardCharsets.UTF_8);
    }
}
