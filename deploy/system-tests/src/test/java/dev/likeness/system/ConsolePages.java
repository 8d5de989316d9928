package dev.likeness.system;

import static io.restassured.RestAssured.given;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

import org.openqa.selenium.JavascriptExecutor;

import dev.likeness.captures.Captures;
import dev.likeness.devstack.testing.Tokens;
import dev.likeness.devstack.testing.Users;
import io.restassured.http.ContentType;

/**
 * The web console's cost to a person (benchmark): how long its main pages take to render with the
 * services warm, requested one after another over a signed-in session, and how many bytes of
 * script and style a page makes the browser load.
 */
final class ConsolePages {

    static final List<String> PAGES = List.of("/", "/sharing", "/featuring", "/drafts", "/alerts", "/history", "/settings");

    private final String console;
    private final String cookies;
    private final HttpClient http = HttpClient.newHttpClient();

    private ConsolePages(String console, String cookies) {
        this.console = console;
        this.cookies = cookies;
    }

    /**
     * An owner with a verified likeness, ten people granted and twenty drafts of her (so the pages
     * show what a real person's would), signed in through Keycloak's login page in Chromium; the
     * session's cookies then serve plain HTTP requests. Also answers the largest script and style
     * payload of the pages, in KB.
     */
    static ConsolePages signedInOwner(String console, String identity, String consent, long clipSeed, double[] scriptAndStyleKb) {
        String owner = Users.create("Olive");
        String likeness = enrol(owner, identity, clipSeed);
        awaitConsentKnows(owner, consent, likeness);
        given().baseUri(consent).auth().oauth2(Tokens.freshUser(owner)).contentType(ContentType.JSON)
                .body("{\"audience\":\"APPROVED\"}").put("/v1/likenesses/{id}/audience", likeness).then().statusCode(200);
        String creator = null;
        String creatorId = null;
        for (int i = 0; i < 10; i++) {
            creator = Users.create("Gail");
            creatorId = Users.id(creator);
            given().baseUri(consent).auth().oauth2(Tokens.freshUser(owner)).contentType(ContentType.JSON)
                    .body("{\"granteeId\":\"" + creatorId + "\",\"purposes\":[\"draft\"]}")
                    .post("/v1/likenesses/{id}/grants", likeness).then().statusCode(201);
        }
        String proof = Tokens.requester(creator);
        for (int i = 0; i < 20; i++) {
            String token = given().baseUri(consent).auth().oauth2(Tokens.platform()).contentType(ContentType.JSON)
                    .body("{\"requesterId\":\"" + creatorId + "\",\"requesterToken\":\"" + proof + "\",\"likenessIds\":[\"" + likeness
                            + "\"],\"purpose\":\"draft\"}")
                    .post("/v1/checks").then().statusCode(200).extract().path("consentToken");
            given().baseUri(consent).auth().oauth2(Tokens.platform()).contentType(ContentType.JSON)
                    .body("{\"draftId\":\"bench-" + i + "-" + likeness + "\",\"creatorId\":\"" + creatorId + "\",\"creatorToken\":\""
                            + proof + "\",\"likenessIds\":[\""
                            + likeness + "\"],\"consentToken\":\"" + token + "\"}")
                    .post("/v1/drafts").then().statusCode(201);
        }
        try (Chromium chromium = Chromium.start(Locale.US)) {
            Console page = new Console(chromium.driver(), console);
            page.signIn(owner);
            double largest = 0;
            for (String path : PAGES) {
                page.open(path);
                page.waitFor(org.openqa.selenium.By.id("main"));
                Number bytes = (Number) ((JavascriptExecutor) chromium.driver()).executeScript("""
                        return performance.getEntriesByType('resource')
                            .filter(e => e.initiatorType === 'script' || e.initiatorType === 'link' || /\\.(js|css)(\\?|$)/.test(e.name))
                            .reduce((sum, e) => sum + e.decodedBodySize, 0);""");
                largest = Math.max(largest, bytes.doubleValue() / 1024);
            }
            scriptAndStyleKb[0] = largest;
            String session = chromium.driver().manage().getCookies().stream()
                    .filter(c -> c.getName().startsWith("q_session") || c.getName().equals("csrf-token"))
                    .map(c -> c.getName() + "=" + c.getValue()).collect(Collectors.joining("; "));
            return new ConsolePages(console, session);
        }
    }

    /** Each page requested {@code times} times in turn; answers each page's 95th percentile, in ms. */
    double[] p95(int times) throws IOException, InterruptedException {
        double[] p95 = new double[PAGES.size()];
        for (int p = 0; p < PAGES.size(); p++) {
            double[] millis = new double[times];
            for (int i = 0; i < times; i++) {
                millis[i] = render(PAGES.get(p));
            }
            Arrays.sort(millis);
            p95[p] = DraftStream.quantile(millis, 0.95);
        }
        return p95;
    }

    private double render(String path) throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(URI.create(console + path)).header("Cookie", cookies)
                .header("Accept-Language", "en-US").build();
        long started = System.nanoTime();
        HttpResponse<byte[]> response = http.send(request, HttpResponse.BodyHandlers.ofByteArray());
        double millis = (System.nanoTime() - started) / 1e6;
        if (response.statusCode() != 200) {
            throw new IllegalStateException(path + " answered " + response.statusCode() + " (the session should be signed in)");
        }
        return millis;
    }

    private static String enrol(String person, String identity, long clipSeed) {
        var enrolment = given().baseUri(identity).auth().oauth2(Tokens.freshUser(person)).post("/v1/enrolments").then()
                .statusCode(201).extract().jsonPath();
        return given().baseUri(identity).auth().oauth2(Tokens.freshUser(person))
                .header("Likeness-Challenge-Nonce", enrolment.getString("challenge.nonce")).contentType("video/mp4")
                .body(Captures.record(Captures.Container.MP4, Captures.live(enrolment.getString("challenge.digits"),
                        enrolment.getList("challenge.moves", String.class)), clipSeed))
                .put("/v1/enrolments/{id}/capture", enrolment.getString("id")).then().statusCode(200).extract().path("likenessId");
    }

    private static void awaitConsentKnows(String person, String consent, String likeness) {
        org.awaitility.Awaitility.await().atMost(Console.WAIT).until(() -> given().baseUri(consent)
                .auth().oauth2(Tokens.freshUser(person)).get("/v1/likenesses/{id}", likeness).statusCode() == 200);
    }
}
