package dev.likeness.kit.http;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The bearer-token shape every request is held to before quarkus-oidc parses it. */
class RequestRulesTest {

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "eyJhbGciOiJFUzI1NiJ9.eyJzdWIiOiJib2IifQ.c2lnbmF0dXJl | true",
            "a-_9.B.c | true",
            "a.b. | true", // no signature: refused later, by verification, as alg none is
            "a..c | false",
            ".b.c | false",
            ".. | false",
            "a.b | false",
            "a.b.c.d | false",
            "a.b.c. | false",
            "a+b.c.d | false",
            "a.b.c= | false",
            "a.b.c d | false",
            "a.b.é | false",
            "'' | false"})
    void aTokenIsThreeBase64urlPartsTheLastMayBeEmpty(String token, boolean compact) {
        assertEquals(compact, RequestRules.isCompactJws(token));
    }
}
