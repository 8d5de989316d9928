package dev.likeness.identity;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;

import javax.crypto.SecretKey;
import javax.imageio.ImageIO;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import dev.likeness.devstack.testing.Tokens;
import dev.likeness.devstack.testing.Users;
import dev.likeness.identity.biometric.BiometricConfig;
import dev.likeness.identity.capture.CaptureConfig;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * Biometric data at rest: the reference image is kept encrypted with the likeness' own key, the
 * capture is not kept at all, and deleting the likeness leaves nothing that decrypts what remains
 * of its ciphertext. The decryption here is the tests' own ({@link StoredBiometrics}), not the service's code.
 */
@QuarkusTest
class BiometricDataTest {

    @Inject Pool database;

    @Inject BiometricConfig biometrics;
    @Inject CaptureConfig capture;

    @Test
    void theReferenceImageIsEncryptedWithTheLikenessOwnKeyAndTheCaptureIsNotKept() throws Exception {
        String person = Users.create();
        UUID likeness = UUID.fromString(Enrolments.verifiedLikeness(person, Seeds.next()));

        byte[] image = given().auth().oauth2(Tokens.user(person)).get("/v1/likenesses/{id}/reference-image", likeness).then()
                .statusCode(200).contentType("image/jpeg").header("Cache-Control", "no-store")
                .extract().asByteArray();
        BufferedImage face = ImageIO.read(new ByteArrayInputStream(image));
        assertNotNull(face, "a JPEG image");
        assertTrue(face.getWidth() >= 48 && face.getHeight() >= 48, "the face, not a thumbnail: " + face.getWidth() + "x" + face.getHeight());

        Row stored = database.preparedQuery("""
                        SELECT k.wrapped_key, r.ciphertext FROM biometric_record r JOIN likeness_key k USING (likeness_id)
                        WHERE likeness_id = $1 AND kind = 'REFERENCE_IMAGE'""")
                .execute(Tuple.of(likeness)).await().indefinitely().iterator().next();
        byte[] ciphertext = StoredBiometrics.bytes(stored, "ciphertext");
        assertEquals(12 + image.length + 16, ciphertext.length, "IV, the image encrypted, the tag");
        assertEquals(-1, indexOf(ciphertext, java.util.Arrays.copyOf(image, 16)), "the image's header is nowhere in what is stored");
        assertArrayEquals(image, StoredBiometrics.content(stored, kek(), likeness, "REFERENCE_IMAGE"),
                "the stored image is the one served, under the likeness' key");

        assertEquals(0L, count("SELECT count(*) FROM biometric_record WHERE likeness_id = $1 AND kind = 'CAPTURE'", likeness),
                "the capture itself is not kept (retention 0 by default)");
        try (Stream<Path> left = Files.exists(capture.uploadDirectory()) ? Files.list(capture.uploadDirectory()) : Stream.empty()) {
            assertEquals(List.of(), left.toList(), "no upload left on disk");
        }

        String stranger = Users.create();
        given().auth().oauth2(Tokens.user(stranger)).get("/v1/likenesses/{id}/reference-image", likeness).then()
                .statusCode(404).contentType("application/problem+json");
    }

    @Test
    void deletingTheLikenessShredsItsKeySoLeftoverCiphertextNeverDecryptsAgain() throws Exception {
        String person = Users.create();
        UUID likeness = UUID.fromString(Enrolments.verifiedLikeness(person, Seeds.next()));
        // What a backup, a replica or a dead tuple may still hold after the deletion.
        byte[] leftover = StoredBiometrics.bytes(database.preparedQuery("SELECT ciphertext FROM biometric_record WHERE likeness_id = $1")
                .execute(Tuple.of(likeness)).await().indefinitely().iterator().next(), "ciphertext");

        given().auth().oauth2(Tokens.user(person)).delete("/v1/likenesses/{id}", likeness).then().statusCode(204);

        assertEquals(0L, count("SELECT count(*) FROM likeness_key WHERE likeness_id = $1", likeness), "its data key is destroyed");
        assertEquals(0L, count("SELECT count(*) FROM biometric_record WHERE likeness_id = $1", likeness), "its data is deleted");
        given().auth().oauth2(Tokens.user(person)).get("/v1/likenesses/{id}/reference-image", likeness).then().statusCode(404);

        // Nothing left decrypts it: not the key encryption key, not any other likeness' data key.
        List<SecretKey> candidates = new ArrayList<>(List.of(kek()));
        for (Row row : database.query("SELECT likeness_id, wrapped_key FROM likeness_key").execute().await().indefinitely()) {
            candidates.add(StoredBiometrics.dataKey(kek(), StoredBiometrics.bytes(row, "wrapped_key"), row.getUUID("likeness_id")));
        }
        assertTrue(candidates.size() > 1, "other likenesses' keys are there to try");
        for (SecretKey candidate : candidates) {
            assertThrows(GeneralSecurityException.class,
                    () -> StoredBiometrics.open(candidate, leftover, StoredBiometrics.context(likeness, "REFERENCE_IMAGE")));
        }
    }

    private SecretKey kek() {
        return StoredBiometrics.key(biometrics.keyEncryptionKey());
    }

    private long count(String sql, UUID likeness) {
        return database.preparedQuery(sql).execute(Tuple.of(likeness)).await().indefinitely().iterator().next().getLong(0);
    }

    private static int indexOf(byte[] haystack, byte[] needle) {
        outer:
        for (int i = 0; i <= haystack.length - needle.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }
}
