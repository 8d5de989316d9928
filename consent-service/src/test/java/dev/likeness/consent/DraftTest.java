package dev.likeness.consent;

import static dev.likeness.consent.Fixtures.CONSENT_EVENTS;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.is;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.inject.Inject;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jwt.PlainJWT;
import com.nimbusds.jwt.SignedJWT;

import dev.likeness.consent.purpose.Purpose;
import dev.likeness.consent.token.ConsentTokens;
import dev.likeness.devstack.testing.EventSchemas;
import dev.likeness.devstack.testing.Events;
import dev.likeness.devstack.testing.OutboxContract;
import dev.likeness.devstack.testing.Tokens;
import dev.likeness.devstack.testing.Users;
import io.quarkus.test.junit.QuarkusTest;

/** Registering a draft re-validates its consent token; a change after the check makes the token worthless. */
@QuarkusTest
class DraftTest {

    private static final String DRAFT_CREATED = "dev.likeness.consent.draft.created.v1";

    @Inject ConsentTokens tokens;

    @Test
    void aDraftWithAValidTokenIsRegisteredAndAnnouncedOncePerFeaturedLikeness() {
        UUID alices = shared("alice");
        UUID carols = shared("carol");
        String token = Consents.check("bob", List.of(alices, carols), "draft").getString("consentToken");

        String draftId = "render-" + UUID.randomUUID();
        String id = Consents.register(draftId, "bob", List.of(alices, carols), token).then()
                .statusCode(201)
                .header("Location", containsString("/v1/drafts/"))
                .body("draftId", is(draftId))
                .body("creatorId", is(Tokens.userId("bob")))
                .body("purpose", is("draft"))
                .body("status", is("REGISTERED"))
                .body("likenessIds", containsInAnyOrder(alices.toString(), carols.toString()))
                .extract().path("id");

        for (UUID likeness : List.of(alices, carols)) {
            List<ConsumerRecord<String, String>> created = draftsCreated(likeness, 2);
            assertEquals(1, created.size(), "draft.created for " + likeness);
            EventSchemas.assertValid(DRAFT_CREATED, created.get(0).value());
            assertEquals(id, Events.header(created.get(0), "ce_subject"));
        }
        // The platform retries: same draft, no new event.
        Consents.register(draftId, "bob", List.of(alices, carols), token).then().statusCode(200).body("id", is(id));
        given().auth().oauth2(Tokens.platform()).get("/v1/drafts/{id}", id).then().statusCode(200).body("draftId", is(draftId));
        assertEquals(1, draftsCreated(alices, 2).size());
    }

    /** The ledger gives a person their pseudonym and key the first time it names them, here inside the registration. */
    @Test
    void aCreatorTheLedgerHasNeverNamedRegistersADraft() {
        UUID alices = shared("alice");
        String newcomer = Users.create("Nico");
        String token = Consents.check(newcomer, List.of(alices), "draft").getString("consentToken");
        Consents.register("render-" + UUID.randomUUID(), newcomer, List.of(alices), token).then()
                .statusCode(201).body("creatorId", is(Tokens.userId(newcomer)));
    }

    @Test
    void aRevocationAfterTheCheckMakesTheTokenWorthless() {
        UUID likeness = Fixtures.verifiedLikeness("alice");
        Consents.audience("alice", likeness, "APPROVED");
        String grant = Consents.grant("alice", likeness, "bob", "[\"draft\"]");
        String token = Consents.check("bob", List.of(likeness), "draft").getString("consentToken");
        Consents.revoke("alice", likeness, grant);

        Consents.register("bob", List.of(likeness), token).then()
                .statusCode(409)
                .contentType("application/problem+json")
                .body("code", is("consent-withdrawn"))
                .body("detail", containsString("revision 2 → 3"));
        assertEquals(0, draftsCreated(likeness, 3).size());
    }

    @Test
    void aGrantsUsesAreConsumedByRegistrations() {
        UUID likeness = Fixtures.verifiedLikeness("alice");
        Consents.audience("alice", likeness, "APPROVED");
        Consents.grant("alice", likeness, "{\"granteeId\":\"" + Tokens.userId("bob") + "\",\"purposes\":[\"draft\"],\"maxUses\":1}")
                .then().statusCode(201);
        String first = Consents.check("bob", List.of(likeness), "draft").getString("consentToken");
        String second = Consents.check("bob", List.of(likeness), "draft").getString("consentToken");

        Consents.register("bob", List.of(likeness), first).then().statusCode(201);
        Consents.register("bob", List.of(likeness), second).then()
                .statusCode(409).body("code", is("consent-withdrawn")).body("detail", containsString("not-permitted"));
        Consents.checkResponse("bob", List.of(likeness), "draft").then().body("decisions[0].reason", is("not-permitted"));
        given().auth().oauth2(Tokens.user("alice")).get("/v1/likenesses/{id}/grants", likeness).then()
                .body("[0].uses", is(1)).body("[0].status", is("USED_UP"));
    }

    @Test
    void aTokenCoversOnlyItsRequesterItsLikenessesAndItsPlatform() {
        UUID alices = shared("alice");
        UUID carols = shared("carol");
        String token = Consents.check("bob", List.of(alices), "draft").getString("consentToken");

        Consents.register("carol", List.of(alices), token).then()
                .statusCode(422).body("code", is("consent-token-mismatch"));
        Consents.register("bob", List.of(alices, carols), token).then()
                .statusCode(422).body("code", is("consent-token-mismatch"));
        String otherPlatform = tokens.issue(UUID.randomUUID(), "another-platform", Tokens.userId("bob"), Purpose.DRAFT,
                java.util.Set.of(), Map.of(alices, 1L), Map.of()).token();
        Consents.register("bob", List.of(alices), otherPlatform).then()
                .statusCode(422).body("code", is("consent-token-mismatch")).body("detail", containsString("another platform"));
    }

    @Test
    void forgedTamperedAndUnsignedTokensAreRefused() throws Exception {
        UUID likeness = shared("alice");
        String token = Consents.check("bob", List.of(likeness), "draft").getString("consentToken");
        String[] parts = token.split("\\.");

        String payload = new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8);
        String tampered = parts[0] + "." + Base64.getUrlEncoder().withoutPadding()
                .encodeToString(payload.replace("\"draft\"", "\"publish\"").getBytes(StandardCharsets.UTF_8)) + "." + parts[2];
        String kid = SignedJWT.parse(token).getHeader().getKeyID();
        ECKey attacker = new ECKeyGenerator(Curve.P_256).keyID(kid).generate();
        SignedJWT forged = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.ES256).keyID(kid)
                .type(new JOSEObjectType(ConsentTokens.TYPE)).build(), SignedJWT.parse(token).getJWTClaimsSet());
        forged.sign(new ECDSASigner(attacker));
        String unsigned = new PlainJWT(SignedJWT.parse(token).getJWTClaimsSet()).serialize();

        for (String bad : List.of(tampered, forged.serialize(), unsigned, "not.a.token", parts[0] + "." + parts[1] + ".")) {
            Consents.register("bob", List.of(likeness), bad).then()
                    .statusCode(422).contentType("application/problem+json").body("code", is("consent-token-invalid"));
        }
        Consents.register("bob", List.of(likeness), token).then().statusCode(201);
    }

    @Test
    void badRegistrationsAreProblemsAndOnlyPlatformsRegister() {
        UUID likeness = shared("alice");
        String token = Consents.check("bob", List.of(likeness), "draft").getString("consentToken");
        given().auth().oauth2(Tokens.user("bob")).contentType("application/json")
                .body(Map.of("draftId", "d", "creatorId", "c", "likenessIds", List.of(likeness), "consentToken", token))
                .post("/v1/drafts").then().statusCode(403);
        Map<String, Object> body = new LinkedHashMap<>(Map.of("creatorId", Tokens.userId("bob"), "creatorToken", Tokens.requester("bob"),
                "likenessIds", List.of(likeness), "consentToken", token));
        given().auth().oauth2(Tokens.platform()).contentType("application/json").body(body).post("/v1/drafts").then()
                .statusCode(400).body("errors.field", org.hamcrest.Matchers.hasItem("draftId"));
        body.put("draftId", "has spaces");
        given().auth().oauth2(Tokens.platform()).contentType("application/json").body(body).post("/v1/drafts").then()
                .statusCode(400).body("errors.field", org.hamcrest.Matchers.hasItem("draftId"));
        given().auth().oauth2(Tokens.platform()).get("/v1/drafts/{id}", UUID.randomUUID()).then().statusCode(404);
    }

    /** The draft.created events of the likeness, read once {@code events} of any type were published for it. */
    private static List<ConsumerRecord<String, String>> draftsCreated(UUID likeness, int events) {
        return OutboxContract.published(CONSENT_EVENTS, likeness.toString(), events).stream()
                .filter(e -> DRAFT_CREATED.equals(Events.header(e, "ce_type"))).toList();
    }

    /** A likeness whose owner admits everyone. */
    private static UUID shared(String owner) {
        UUID likeness = Fixtures.verifiedLikeness(owner);
        Consents.audience(owner, likeness, "EVERYONE");
        return likeness;
    }
}
