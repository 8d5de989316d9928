package dev.likeness.identity;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

import javax.imageio.ImageIO;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.likeness.captures.Captures;
import dev.likeness.captures.Captures.Container;
import dev.likeness.devstack.testing.Tokens;
import dev.likeness.devstack.testing.Users;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;

/** A person's export (GDPR Art. 15 and 20): everything identity-service holds about them, and nothing about anyone else. */
@QuarkusTest
class ExportTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String STAFF = "dana";

    @Test
    void theExportHoldsTheLikenessEnrolmentsChecksAndTheFaceDecryptedUntilTheLikenessIsDeleted() throws Exception {
        String person = Users.create();
        JsonPath rejected = Enrolments.start(person);
        Enrolments.submit(person, rejected, "video/mp4", Captures.withoutAudio(Container.MP4, 3, Seeds.next())).then().statusCode(422);
        String likeness = Enrolments.verifiedLikeness(person, Seeds.next());
        given().auth().oauth2(Tokens.user(STAFF)).contentType(ContentType.JSON).body("{\"reason\":\"Reported as an impersonation\"}")
                .post("/v1/likenesses/{id}/suspension", likeness).then().statusCode(200);
        byte[] face = given().auth().oauth2(Tokens.user(person)).get("/v1/likenesses/{id}/reference-image", likeness).then()
                .statusCode(200).extract().asByteArray();

        List<JsonNode> export = export(person);
        JsonNode about = export.get(0);
        assertEquals("about", about.path("section").asText(), "the first record says whose export it is");
        assertEquals("identity-service", about.path("item").path("service").asText());
        assertEquals(Tokens.userId(person), about.path("item").path("subjectId").asText());
        OffsetDateTime.parse(about.path("item").path("exportedAt").asText());

        JsonNode kept = single(export, "likeness");
        assertEquals(likeness, kept.path("likeness").path("id").asText());
        assertEquals("SUSPENDED", kept.path("likeness").path("status").asText());
        assertEquals("Reported as an impersonation", kept.path("likeness").path("suspensionReason").asText());
        assertEquals("KEPT", kept.path("biometricData").asText());
        assertEquals("image/jpeg", kept.path("referenceImage").path("mediaType").asText());
        byte[] exported = Base64.getDecoder().decode(kept.path("referenceImage").path("data").asText());
        assertArrayEquals(face, exported, "the reference image, decrypted");
        BufferedImage image = ImageIO.read(new ByteArrayInputStream(exported));
        assertNotNull(image, "a JPEG image, as its media type says");
        OffsetDateTime.parse(kept.path("referenceImage").path("keptAt").asText());
        assertFalse(kept.has("capture"), "no capture is kept by default");

        List<JsonNode> enrolments = all(export, "enrolment");
        assertEquals(2, enrolments.size());
        JsonNode refused = enrolments.get(0);
        assertEquals(rejected.getString("id"), refused.path("enrolment").path("id").asText(), "oldest first");
        assertEquals("REJECTED", refused.path("enrolment").path("status").asText());
        assertTrue(checks(refused).contains("audio-track=false"), "each check as stored: " + checks(refused));
        assertEquals("liveness-failed", refused.path("failedCaptures").path(0).path("outcome").asText());
        assertTrue(refused.path("captureSha256").asText().matches("[0-9a-f]{64}"));
        JsonNode verified = enrolments.get(1);
        assertEquals("VERIFIED", verified.path("enrolment").path("status").asText());
        assertEquals(likeness, verified.path("enrolment").path("likenessId").asText());
        assertTrue(checks(verified).contains("digits=true") && !checks(verified).toString().contains("=false"), checks(verified).toString());
        assertEquals("built-in", verified.path("method").asText());
        assertEquals(0, verified.path("failedCaptures").size());

        given().auth().oauth2(Tokens.user(person)).delete("/v1/likenesses/{id}", likeness).then().statusCode(204);
        JsonNode deleted = single(export(person), "likeness");
        assertEquals("DELETED", deleted.path("likeness").path("status").asText(), "deleted likenesses stay in the export");
        assertTrue(deleted.path("likeness").has("deletedAt"));
        assertEquals("Reported as an impersonation", deleted.path("likeness").path("suspensionReason").asText());
        assertEquals("DESTROYED", deleted.path("biometricData").asText());
        assertTrue(deleted.has("referenceImage") && deleted.path("referenceImage").isNull(), "its key is destroyed: no image");
        assertTrue(deleted.path("note").asText().contains("destroyed"), deleted.path("note").asText());

        String other = Users.create();
        JsonPath theirs = Enrolments.start(other);
        List<JsonNode> otherExport = export(other);
        assertEquals(Tokens.userId(other), otherExport.get(0).path("item").path("subjectId").asText());
        assertEquals(theirs.getString("id"), single(otherExport, "enrolment").path("enrolment").path("id").asText());
        String text = otherExport.toString();
        for (String mine : List.of(likeness, rejected.getString("id"), verified.path("enrolment").path("id").asText(),
                Tokens.userId(person))) {
            assertFalse(text.contains(mine), "another person's export names " + mine);
        }
    }

    @Test
    void onlyPeopleExportTheirData() {
        given().get("/v1/me/export").then().statusCode(401).contentType("application/problem+json");
        given().auth().oauth2(Tokens.platform()).get("/v1/me/export").then().statusCode(403).contentType("application/problem+json");
        given().auth().oauth2(Tokens.user(STAFF)).get("/v1/me/export").then().statusCode(403);
    }

    private static List<JsonNode> export(String person) throws Exception {
        String body = given().auth().oauth2(Tokens.user(person)).get("/v1/me/export").then()
                .statusCode(200).contentType(ContentType.JSON).extract().asString();
        JsonNode array = JSON.readTree(body);
        assertTrue(array.isArray(), "a JSON array");
        List<JsonNode> records = new ArrayList<>();
        array.forEach(records::add);
        return records;
    }

    private static List<JsonNode> all(List<JsonNode> export, String section) {
        return export.stream().filter(record -> record.path("section").asText().equals(section)).map(record -> record.path("item")).toList();
    }

    private static JsonNode single(List<JsonNode> export, String section) {
        List<JsonNode> items = all(export, section);
        assertEquals(1, items.size(), section + " records: " + items);
        return items.get(0);
    }

    /** The enrolment's checks as name=passed. */
    private static List<String> checks(JsonNode enrolment) {
        List<String> checks = new ArrayList<>();
        enrolment.path("enrolment").path("checks").forEach(check -> checks.add(check.path("name").asText() + "=" + check.path("passed").asBoolean()));
        return checks;
    }
}
