package dev.likeness.notification;

import static io.restassured.RestAssured.given;

import org.junit.jupiter.api.Test;

import dev.likeness.devstack.testing.OpenApiDocument;
import io.quarkus.test.junit.QuarkusTest;

/** The API the service serves is the one committed in openapi.yaml: see {@link OpenApiDocument}. */
@QuarkusTest
class OpenApiDocumentTest {

    @Test
    void theServedDocumentIsTheCommittedOne() {
        OpenApiDocument.assertCommitted(given().get("/q/openapi?format=yaml").then().statusCode(200).extract().asString());
    }
}
