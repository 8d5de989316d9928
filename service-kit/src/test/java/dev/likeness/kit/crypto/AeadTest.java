package dev.likeness.kit.crypto;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Base64;

import javax.crypto.SecretKey;

import org.junit.jupiter.api.Test;

class AeadTest {

    private static final SecretKey KEY = Aead.key(Base64.getEncoder().encodeToString(new byte[32]), "test.key");
    private static final byte[] SECRET = "whsec_abc".getBytes(StandardCharsets.UTF_8);

    @Test
    void whatIsSealedOpensWithTheSameKeyAndContext() {
        byte[] sealed = Aead.seal(KEY, SECRET, Aead.context("endpoint-1"));
        assertFalse(Arrays.equals(SECRET, Arrays.copyOfRange(sealed, 12, 12 + SECRET.length)), "the secret is not stored in clear");
        assertArrayEquals(SECRET, Aead.open(KEY, sealed, Aead.context("endpoint-1"), "secret"));
    }

    @Test
    void aCiphertextMovedToAnotherContextDoesNotOpen() {
        byte[] sealed = Aead.seal(KEY, SECRET, Aead.context("endpoint-1"));
        IllegalStateException refused = assertThrows(IllegalStateException.class,
                () -> Aead.open(KEY, sealed, Aead.context("endpoint-2"), "secret of endpoint-2"));
        assertTrue(refused.getMessage().startsWith("secret of endpoint-2 does not decrypt"), refused.getMessage());
    }

    @Test
    void aKeyOfTheWrongSizeIsRefusedNamingItsSetting() {
        String short16 = Base64.getEncoder().encodeToString(new byte[16]);
        IllegalArgumentException refused = assertThrows(IllegalArgumentException.class, () -> Aead.key(short16, "likeness.x.key"));
        assertTrue(refused.getMessage().contains("likeness.x.key must be 32 bytes"), refused.getMessage());
    }

    @Test
    void everySealingDrawsAFreshIv() {
        assertFalse(Arrays.equals(Aead.seal(KEY, SECRET, Aead.context("c")), Aead.seal(KEY, SECRET, Aead.context("c"))));
    }
}
