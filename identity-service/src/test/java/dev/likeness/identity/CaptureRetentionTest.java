package dev.likeness.identity;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Base64;
import java.util.UUID;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import dev.likeness.captures.Captures;
import dev.likeness.devstack.testing.ConfigOverrides;
import dev.likeness.devstack.testing.Tokens;
import dev.likeness.devstack.testing.Users;
import dev.likeness.identity.biometric.BiometricConfig;
import dev.likeness.identity.biometric.ExpiredCaptures;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.path.json.JsonPath;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;

/** With a capture retention configured, the capture is kept encrypted until it ends, then purged. */
@QuarkusTest
@TestProfile(CaptureRetentionTest.Retained.class)
class CaptureRetentionTest {

    @Inject Pool database;
    @Inject MovableClock clock;
    @Inject ExpiredCaptures expiredCaptures;
    @Inject BiometricConfig biometrics;

    @Test
    void theCaptureIsKeptEncryptedUntilItsRetentionEndsThenPurged() throws Exception {
        String person = Users.create();
        JsonPath enrolment = Enrolments.start(person);
        byte[] capture = Enrolments.live(enrolment, Captures.Container.MP4, Seeds.next());
        UUID likeness = UUID.fromString(Enrolments.submit(person, enrolment, "video/mp4", capture)
                .then().statusCode(200).extract().path("likenessId"));

        Row kept = database.preparedQuery("""
                        SELECT k.wrapped_key, r.media_type, r.ciphertext FROM biometric_record r JOIN likeness_key k USING (likeness_id)
                        WHERE likeness_id = $1 AND kind = 'CAPTURE'""")
                .execute(Tuple.of(likeness)).await().indefinitely().iterator().next();
        assertEquals("video/mp4", kept.getString("media_type"));
        assertArrayEquals(capture, StoredBiometrics.content(kept, StoredBiometrics.key(biometrics.keyEncryptionKey()), likeness, "CAPTURE"),
                "the uploaded bytes, encrypted");
        JsonPath exported = given().auth().oauth2(Tokens.user(person)).get("/v1/me/export").then().statusCode(200).extract().jsonPath();
        assertArrayEquals(capture, Base64.getDecoder().decode(exported.getString("find { it.section == 'likeness' }.item.capture.data")),
                "its owner's export holds it, decrypted, while it is kept");
        assertEquals("video/mp4", exported.getString("find { it.section == 'likeness' }.item.capture.mediaType"));

        expiredCaptures.purge().await().indefinitely();
        assertEquals(1L, count(likeness, "CAPTURE"), "kept until its retention ends");
        clock.advance(biometrics.captureRetention());
        expiredCaptures.purge().await().indefinitely();
        assertEquals(0L, count(likeness, "CAPTURE"), "purged once it ended");
        assertEquals(1L, count(likeness, "REFERENCE_IMAGE"), "the reference image stays");
    }

    private long count(UUID likeness, String kind) {
        return database.preparedQuery("SELECT count(*) FROM biometric_record WHERE likeness_id = $1 AND kind = $2")
                .execute(Tuple.of(likeness, kind)).await().indefinitely().iterator().next().getLong(0);
    }

    public static class Retained extends ConfigOverrides {
        public Retained() {
            super("likeness.biometrics.capture-retention", "1h");
        }
    }
}
