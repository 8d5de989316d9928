package dev.likeness.consent;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URL;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.source.JWKSourceBuilder;
import com.nimbusds.jose.proc.DefaultJOSEObjectTypeVerifier;
import com.nimbusds.jose.proc.JWSVerificationKeySelector;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.proc.DefaultJWTClaimsVerifier;
import com.nimbusds.jwt.proc.DefaultJWTProcessor;

import dev.likeness.consent.check.CheckReads;
import dev.likeness.devstack.StackInfo;
import dev.likeness.devstack.testing.TestStack;
import dev.likeness.devstack.testing.Tokens;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlConnection;

/** Platforms ask before every render; an allowed answer is a token any JOSE library verifies. */
@QuarkusTest
class CheckTest {

    @Inject Pool database;
    @Inject CheckReads reads;

    @TestHTTPResource("/.well-known/jwks.json")
    URL jwks;

    @Test
    void aGrantedPersonIsAllowedWithATokenThatNimbusVerifiesAgainstTheJwks() throws Exception {
        UUID likeness = Fixtures.verifiedLikeness("alice");
        Consents.audience("alice", likeness, "APPROVED");
        Consents.grant("alice", likeness, "bob", "[\"draft\"]");

        JsonPath answer = Consents.check("bob", List.of(likeness), "draft");
        assertEquals(true, answer.getBoolean("allowed"));
        assertEquals(2, answer.getLong("decisions[0].revision"), "verified: 1, audience change: 2; a new grant narrows nothing");

        DefaultJWTProcessor<SecurityContext> processor = new DefaultJWTProcessor<>();
        processor.setJWSTypeVerifier(new DefaultJOSEObjectTypeVerifier<>(new JOSEObjectType("likeness-consent+jwt")));
        processor.setJWSKeySelector(new JWSVerificationKeySelector<>(JWSAlgorithm.ES256,
                JWKSourceBuilder.create(jwks).retrying(false).build()));
        processor.setJWTClaimsSetVerifier(new DefaultJWTClaimsVerifier<>(
                platformClientId(),
                new JWTClaimsSet.Builder().issuer("urn:likeness:consent-service").subject(Tokens.userId("bob"))
                        .jwtID(answer.getString("checkId")).claim("purpose", "draft").build(),
                java.util.Set.of("exp", "iat")));
        JWTClaimsSet claims = processor.process(answer.getString("consentToken"), null);
        List<Object> likenesses = claims.getListClaim("likenesses");
        assertEquals(1, likenesses.size());
        assertEquals(likeness.toString(), ((Map<?, ?>) likenesses.get(0)).get("id"));
        assertEquals(answer.getLong("decisions[0].revision"), ((Number) ((Map<?, ?>) likenesses.get(0)).get("rev")).longValue());
    }

    @Test
    void aDenialNamesAReasonThePlatformMayKnowPerLikenessAndCarriesNoToken() {
        UUID alices = Fixtures.verifiedLikeness("alice");
        Consents.audience("alice", alices, "APPROVED");
        Consents.grant("alice", alices, "bob", "[\"draft\"]");
        UUID carols = Fixtures.verifiedLikeness("carol");

        JsonPath carol = Consents.check("carol", List.of(alices), "draft");
        assertEquals(false, carol.getBoolean("allowed"));
        assertEquals("not-permitted", carol.getString("decisions[0].reason"));
        assertEquals(null, carol.getString("consentToken"));

        JsonPath scene = Consents.check("bob", List.of(alices, carols), "draft");
        assertEquals(false, scene.getBoolean("allowed"), "every likeness of a scene must allow");
        assertEquals(List.of(true, false), scene.getList("decisions.allowed"));
        assertEquals("not-permitted", scene.getString("decisions[1].reason"));

        Consents.checkResponse("bob", List.of(alices), "publish").then()
                .body("allowed", is(false)).body("decisions[0].reason", is("not-permitted"));
        Consents.checkResponse("bob", List.of(UUID.randomUUID()), "draft").then()
                .body("decisions[0].reason", is("unknown-likeness"));
        Consents.checkResponse("alice", List.of(alices, carols), "draft").then()
                .body("decisions[0].allowed", is(true)).body("decisions[1].reason", is("not-permitted"));
    }

    @Test
    void aRevokedGrantDeniesTheNextCheck() {
        UUID likeness = Fixtures.verifiedLikeness("alice");
        Consents.audience("alice", likeness, "APPROVED");
        String grant = Consents.grant("alice", likeness, "bob", "[\"draft\"]");
        Consents.checkResponse("bob", List.of(likeness), "draft").then().body("allowed", is(true));
        Consents.revoke("alice", likeness, grant);
        Consents.checkResponse("bob", List.of(likeness), "draft").then()
                .body("allowed", is(false)).body("decisions[0].reason", is("not-permitted")).body("consentToken", nullValue());
    }

    /**
     * Any platform may check any person, so a denial says neither that the person is blocked (or
     * their grant revoked, or the likeness suspended) nor the owner's guidelines; the owner's
     * preview says why, to the owner alone.
     */
    @Test
    void aDenialTellsThePlatformOnlyNotPermittedAndTheOwnerWhy() {
        String guidelines = "{\"forbiddenTags\": [], \"guidelines\": \"No glasses, please.\"}";
        UUID alices = ConsentModelTest.likeness("alice", "EVERYONE");
        Consents.restrictions("alice", alices, guidelines);
        Consents.block("alice", alices, "carol");
        Consents.checkResponse("bob", List.of(alices), "draft").then()
                .body("allowed", is(true)).body("guidelines", contains("No glasses, please."));
        assertToldNotPermitted("carol", alices);
        assertPreview(alices, "carol", "blocked");

        UUID approved = ConsentModelTest.likeness("alice", "APPROVED");
        Consents.restrictions("alice", approved, guidelines);
        Consents.revoke("alice", approved, Consents.grant("alice", approved, "bob", "[\"draft\"]"));
        assertToldNotPermitted("bob", approved);
        assertPreview(approved, "bob", "revoked");

        Fixtures.sendIdentityEvent(alices, "suspended", """
                {"likenessId":"%s","ownerId":"%s","reason":"Reported impersonation","suspendedAt":"%s"}"""
                .formatted(alices, Tokens.userId("alice"), OffsetDateTime.now()));
        await().atMost(Duration.ofSeconds(30)).until(() -> !Consents.check("bob", List.of(alices), "draft").getBoolean("allowed"));
        assertToldNotPermitted("bob", alices);
        assertPreview(alices, "bob", "suspended");

        // Nobody else learns why, not even the person refused.
        Consents.decision("bob", alices, "carol").then().statusCode(404).contentType("application/problem+json");
        Consents.decision("carol", alices, "carol").then().statusCode(404).contentType("application/problem+json");
    }

    @Test
    void theOwnersPreviewCountsTheFollowsOfTheNamedPlatformAndRefusesUnknownCodes() {
        UUID alices = ConsentModelTest.likeness("alice", "MUTUALS");
        Consents.follow("alice", "bob");
        Consents.follow("bob", "alice");
        given().auth().oauth2(Tokens.user("alice")).queryParam("platformId", platformClientId()).queryParam("purpose", "publish")
                .get("/v1/likenesses/{id}/decisions/{person}", alices, Tokens.userId("bob")).then().statusCode(200)
                .body("allowed", is(true));
        assertPreview(alices, "bob", "not-mutual"); // no platform named: no follow counts

        given().auth().oauth2(Tokens.user("alice")).queryParam("purpose", "gossip").queryParam("contentTags", "violence")
                .get("/v1/likenesses/{id}/decisions/{person}", alices, Tokens.userId("bob")).then().statusCode(400)
                .contentType("application/problem+json").body("code", is("validation-failed")).body("errors[0].field", is("purpose"));
        given().auth().oauth2(Tokens.user("alice")).queryParam("contentTags", "violence", "gory")
                .get("/v1/likenesses/{id}/decisions/{person}", alices, Tokens.userId("bob")).then().statusCode(400)
                .contentType("application/problem+json").body("errors[0].field", is("contentTags"));
    }

    /**
     * The attack the hardening issue found: a platform naming the owner as requester of their own
     * ONLY_ME likeness. Only the owner's own token issued to this platform proves it; anything else
     * denies every likeness with requester-unproven, and a draft cannot name an unproven creator.
     */
    @Test
    void aPlatformCannotInventARequesterNotEvenTheOwner() {
        UUID alices = Fixtures.verifiedLikeness("alice");
        Consents.restrictions("alice", alices, "{\"forbiddenTags\":[\"political\"]}");
        String asAlice = "{\"requesterId\":\"" + Tokens.userId("alice") + "\",\"likenessIds\":[\"" + alices
                + "\"],\"purpose\":\"draft\",\"requesterToken\":\"%s\"}";
        for (String notAProof : List.of(Tokens.requester("bob"), Tokens.user("alice"), Tokens.forged(Tokens.requester("alice")),
                Tokens.platform(), "not.a.token")) {
            Consents.checkBody(asAlice.formatted(notAProof)).then().statusCode(200)
                    .body("allowed", is(false)).body("decisions[0].reason", is("requester-unproven"))
                    .body("decisions[0]", not(hasKey("revision"))).body("$", not(hasKey("consentToken")));
        }
        check("{\"requesterId\":\"" + Tokens.userId("alice") + "\",\"likenessIds\":[\"" + alices + "\"],\"purpose\":\"draft\"}")
                .then().statusCode(400).body("errors.field", hasItem("requesterToken"));

        Consents.checkBody(asAlice.formatted(Tokens.requester("alice"))).then().statusCode(200).body("allowed", is(true));
        String bobsToken = Consents.check("bob", List.of(alices), "draft").getString("consentToken");
        assertEquals(null, bobsToken, "ONLY_ME: nobody but the owner");

        String alicesToken = Consents.check("alice", List.of(alices), "draft").getString("consentToken");
        given().auth().oauth2(Tokens.platform()).contentType(ContentType.JSON)
                .body(Map.of("draftId", UUID.randomUUID().toString(), "creatorId", Tokens.userId("alice"),
                        "creatorToken", Tokens.requester("bob"), "likenessIds", List.of(alices), "consentToken", alicesToken))
                .post("/v1/drafts").then().statusCode(403).contentType("application/problem+json")
                .body("code", is("requester-unproven"));
        given().auth().oauth2(Tokens.user("alice")).get("/v1/likenesses/{id}/drafts", alices).then().statusCode(200)
                .body("drafts.size()", is(0));
        Consents.register("alice", List.of(alices), alicesToken).then().statusCode(201);
    }

    @Test
    void onlyPlatformsCheckAndBadChecksAreProblems() {
        UUID likeness = Fixtures.verifiedLikeness("alice");
        given().auth().oauth2(Tokens.user("bob")).contentType(ContentType.JSON)
                .body("{\"requesterId\":\"x\",\"likenessIds\":[\"" + likeness + "\"],\"purpose\":\"draft\"}")
                .post("/v1/checks").then().statusCode(403).contentType("application/problem+json");
        given().contentType(ContentType.JSON).body("{}").post("/v1/checks").then().statusCode(401);
        check("{\"requesterId\":\"x\",\"requesterToken\":\"t\",\"likenessIds\":[],\"purpose\":\"draft\"}").then()
                .statusCode(400).body("errors.field", hasItem("likenessIds"));
        check("{\"requesterId\":\"x\",\"requesterToken\":\"t\",\"likenessIds\":[\"" + likeness + "\",\"" + likeness + "\"],\"purpose\":\"draft\"}")
                .then().statusCode(400).body("detail", is("likenessIds: must not repeat"));
        check("{\"requesterId\":\"x\",\"requesterToken\":\"t\",\"likenessIds\":[\"not-a-uuid\"],\"purpose\":\"draft\"}").then()
                .statusCode(400).body("code", is("invalid-body"));
        check("{\"requesterId\":\"x\",\"requesterToken\":\"t\",\"likenessIds\":[\"" + likeness + "\"]}").then()
                .statusCode(400).body("errors.field", hasItem("purpose"));
        // Purposes and tags are read by their codes, and a refusal lists the codes, not the Java names.
        check("{\"requesterId\":\"x\",\"requesterToken\":\"t\",\"likenessIds\":[\"" + likeness + "\"],\"purpose\":\"DRAFT\"}").then()
                .statusCode(400).body("code", is("invalid-body"))
                .body("detail", is("purpose: expected one of [draft, publish, remix]"));
        check("{\"requesterId\":\"x\",\"requesterToken\":\"t\",\"likenessIds\":[\"" + likeness + "\"],\"purpose\":\"draft\",\"contentTags\":[\"sexual\",\"gory\"]}")
                .then().statusCode(400).body("errors[0].field", is("contentTags[1]"));
    }

    /** Planning the read cost more than running it: PostgreSQL must keep one plan per connection. */
    @Test
    void theChecksReadIsPlannedOnceAndKept() {
        SqlConnection connection = database.getConnection().await().indefinitely();
        try {
            for (int i = 0; i < 8; i++) {
                reads.lockedScene(connection, "platform", "someone", List.of(UUID.randomUUID(), UUID.randomUUID()))
                        .await().indefinitely();
            }
            Row plans = connection.query("""
                            SELECT generic_plans, custom_plans FROM pg_prepared_statements
                            WHERE statement LIKE '%FROM likeness l%FOR UPDATE OF l'""")
                    .executeAndAwait().iterator().next();
            assertEquals(0, plans.getLong("custom_plans"), "planned for each execution's values");
            assertTrue(plans.getLong("generic_plans") >= 8, "the pooled connection may have run it before");
        } finally {
            connection.closeAndAwait();
        }
    }

    private static void assertToldNotPermitted(String requester, UUID likeness) {
        Consents.checkResponse(requester, List.of(likeness), "draft").then().statusCode(200)
                .body("allowed", is(false)).body("decisions[0].reason", is("not-permitted"))
                .body("$", not(hasKey("guidelines"))).body("consentToken", nullValue());
    }

    private static void assertPreview(UUID likeness, String requester, String reason) {
        Consents.decision("alice", likeness, requester).then().statusCode(200)
                .body("allowed", is(false)).body("reason", is(reason)).body("platformReason", is("not-permitted"));
    }

    private static io.restassured.response.Response check(String body) {
        return given().auth().oauth2(Tokens.platform()).contentType(ContentType.JSON).body(body).post("/v1/checks");
    }

    private static String platformClientId() {
        return TestStack.info().client(StackInfo.PLATFORM_CLIENT).clientId();
    }
}
