package dev.likeness.identity;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.List;
import java.util.UUID;

import javax.imageio.ImageIO;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import dev.likeness.captures.Captures;
import dev.likeness.devstack.testing.ConfigOverrides;
import dev.likeness.devstack.testing.Tokens;
import dev.likeness.devstack.testing.Users;
import dev.likeness.identity.liveness.SessionVerifier;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;

/** A vendor verifies in the session style: the service opens the session, fetches the result, decides. */
@QuarkusTest
@TestProfile(VendorSessionTest.SessionVendor.class)
class VendorSessionTest {

    @Inject TestVendor vendor;

    @Test
    void aConfidentVendorResultVerifiesAndKeepsTheVendorsReferenceImage() throws IOException {
        String person = Users.create();
        JsonPath enrolment = Enrolments.start(person);
        UUID id = UUID.fromString(enrolment.getString("id"));

        Enrolments.submit(person, enrolment, "video/mp4", Captures.clip(Captures.Container.MP4, 3, Seeds.next()))
                .then().statusCode(409).body("code", is("session-required"));
        session(person, enrolment, "/result").then().statusCode(409).body("code", is("no-session"));
        session(person, enrolment, "").then().statusCode(201)
                .body("sessionId", startsWith("session-"))
                .body("client.stream", notNullValue());
        session(person, enrolment, "").then().statusCode(409).body("code", is("session-open"));

        vendor.decide(id, new SessionVerifier.Result(SessionVerifier.Status.IN_PROGRESS, null, null, List.of()));
        session(person, enrolment, "/result").then().statusCode(409).body("code", is("session-in-progress"));
        assertEquals("AWAITING_CAPTURE", Enrolments.get(person, enrolment).getString("status"));

        byte[] face = jpeg();
        vendor.decide(id, new SessionVerifier.Result(SessionVerifier.Status.SUCCEEDED, 97.5, face, List.of(face)));
        String likeness = session(person, enrolment, "/result").then().statusCode(200)
                .body("status", is("VERIFIED"))
                .body("checks.name", contains("vendor-status", "vendor-confidence"))
                .body("checks.measured", hasItems("SUCCEEDED", "97.5"))
                .extract().path("likenessId");
        given().auth().oauth2(Tokens.user(person)).get("/v1/likenesses/{id}", likeness).then()
                .statusCode(200).body("method", is("test-vendor"));
        assertArrayEquals(face, given().auth().oauth2(Tokens.user(person)).get("/v1/likenesses/{id}/reference-image", likeness)
                .then().statusCode(200).extract().asByteArray());
    }

    @Test
    void aResultBelowTheConfidenceThresholdRejects() {
        String person = Users.create();
        JsonPath enrolment = Enrolments.start(person);
        session(person, enrolment, "").then().statusCode(201);
        vendor.decide(UUID.fromString(enrolment.getString("id")),
                new SessionVerifier.Result(SessionVerifier.Status.SUCCEEDED, 62.0, null, List.of()));
        session(person, enrolment, "/result").then().statusCode(422)
                .contentType("application/problem+json")
                .body("code", is("liveness-failed"))
                .body("errors.field", contains("vendor-confidence"));
        assertEquals("REJECTED", Enrolments.get(person, enrolment).getString("status"));
    }

    private static Response session(String person, JsonPath enrolment, String path) {
        return given().auth().oauth2(Tokens.user(person))
                .header(Enrolments.NONCE, enrolment.getString("challenge.nonce"))
                .post("/v1/enrolments/{id}/liveness-session" + path, enrolment.getString("id"));
    }

    private static byte[] jpeg() throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ImageIO.write(new BufferedImage(64, 64, BufferedImage.TYPE_INT_RGB), "jpeg", out);
        return out.toByteArray();
    }

    public static class SessionVendor extends ConfigOverrides {
        public SessionVendor() {
            super("likeness.liveness.verifier", "test-vendor", "likeness.liveness.vendor-min-confidence", "90");
        }
    }
}
