package dev.likeness.system;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.anyOf;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

import dev.likeness.captures.Captures;
import dev.likeness.devstack.Service;
import dev.likeness.devstack.testing.KeycloakAdmin;
import dev.likeness.devstack.testing.Tokens;
import dev.likeness.devstack.testing.Users;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;

/**
 * The web console's journeys in a real browser (Debian's Chromium, headless) against the packaged
 * services and console, signed in through Keycloak's login page, operated with the keyboard alone.
 * Every page on the way is checked with axe and saved as a screenshot (target/screenshots).
 */
@ExtendWith(PackagedServices.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ConsoleJourneyIT {

    /** Seeds of the generated camera and microphone files: a run replays. */
    private static final long CAMERA_SEED = 61_001L;

    private static String console;
    private static String consent;

    @BeforeAll
    static void findTheConsole() {
        console = PackagedServices.url(Service.WEB_CONSOLE);
        consent = PackagedServices.url(Service.CONSENT);
    }

    @Test
    void aliceEnrolsWithHerCameraGrantsBobSeesHisDraftLiveAndRevokesHim(@TempDir Path devices) throws Exception {
        String alice = Users.create("Alice");
        String bob = Users.create("Bob");

        // Alice starts an enrolment and reads her challenge off the page.
        String enrolment;
        String digits;
        List<String> moves;
        try (Chromium chromium = Chromium.start(Locale.US)) {
            Console page = new Console(chromium.driver(), console);
            page.signIn(alice);
            page.check("home-new-person");
            page.open("/enrol");
            page.check("enrol-start");
            page.press(By.id("start-enrolment"), Keys.ENTER);
            WebElement challenge = page.waitFor(By.id("challenge"));
            enrolment = challenge.getAttribute("data-enrolment");
            page.check("enrol-challenge");
            digits = page.text(By.id("challenge-digits"));
            moves = page.all(By.cssSelector("#challenge-moves li")).stream().map(li -> li.getAttribute("data-move")).toList();
            page.signOut();
            page.check("signed-out");
        }

        // The camera and microphone play a clip answering her challenge; she records and sends it.
        Chromium.FakeDevices camera = Chromium.FakeDevices.playing(Captures.live(digits, moves), CAMERA_SEED, devices);
        try (Chromium chromium = Chromium.start(Locale.US, camera)) {
            Console page = new Console(chromium.driver(), console);
            page.signIn(alice);
            page.open("/enrol/" + enrolment);
            page.press(By.id("record"), Keys.ENTER);
            page.waitForText(By.id("recording-status"), "Recording");
            Screenshots.save(page.browser(), "enrol-recording");
            long started = System.nanoTime();
            // The fake camera loops its file: stop when the clip has played once, as a person stops when done.
            Awaitility.await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(50))
                    .until(() -> System.nanoTime() - started >= camera.length().toNanos());
            page.press(By.id("record"), Keys.ENTER);
            WebElement result = page.waitFor(By.id("enrolment-result"));
            assertEquals("VERIFIED", result.getAttribute("data-status"),
                    "the browser's recording verifies; the checks said: " + page.text(By.cssSelector(".checks")));
            page.check("enrol-verified");

            // She lets people she approves feature her, and grants Bob by his user name.
            String likeness = awaitLikeness(alice);
            page.open("/sharing");
            page.press(By.id("audience-ONLY_ME"), Keys.ARROW_DOWN);
            page.press(By.id("save-audience"), Keys.ENTER);
            page.waitFor(By.cssSelector("p.done"));
            assertTrue(page.waitFor(By.id("audience-APPROVED")).isSelected(), "APPROVED is her audience now");
            page.type(By.id("grant-username"), bob);
            page.press(By.id("grant-submit"), Keys.ENTER);
            page.waitFor(By.cssSelector("#grants tr[data-grantee='Bob Person']"));
            page.check("sharing");

            // Bob sees her among the likenesses he may feature.
            try (Chromium bobs = Chromium.start(Locale.US)) {
                Console bobPage = new Console(bobs.driver(), console);
                bobPage.signIn(bob);
                bobPage.open("/featuring");
                bobPage.waitFor(By.cssSelector("#held tr[data-owner='Alice Person']"));
                bobPage.check("featuring");

                // A platform renders Bob's draft of Alice while her alerts page is open: it appears there, without a reload.
                page.open("/alerts");
                page.waitFor(By.id("alert-list"));
                ((JavascriptExecutor) page.browser()).executeScript("window.stillTheSamePage = true;");
                int alertsBefore = page.all(By.cssSelector("#alert-list li")).size();
                String token = check(bob, likeness).getString("consentToken");
                String draft = register(token, bob, likeness);
                long registered = System.nanoTime();
                page.waitForText(By.id("alert-list"), "Bob made a draft featuring you.");
                long shownMillis = (System.nanoTime() - registered) / 1_000_000;
                System.out.printf("draft registered → alert on Alice's open page: %d ms%n", shownMillis);
                assertTrue(shownMillis < 5_000, "the alert came live (in " + shownMillis + " ms), not with a later poll or visit");
                assertEquals(Boolean.TRUE, ((JavascriptExecutor) page.browser()).executeScript("return window.stillTheSamePage;"),
                        "the alert arrived live, not by reloading the page");
                assertEquals(alertsBefore + 1, page.all(By.cssSelector("#alert-list li")).size());
                page.check("alerts");

                // The draft is listed under "drafts featuring me"; she asks for its removal.
                page.open("/drafts");
                page.waitFor(By.cssSelector("li[data-draft='" + draft + "']"));
                page.check("drafts");
                page.press(By.cssSelector("li[data-draft='" + draft + "'] button"), Keys.ENTER);
                page.waitFor(By.cssSelector("p.done"));
                given().baseUri(consent).auth().oauth2(Tokens.platform()).get("/v1/drafts/{id}", draft).then()
                        .statusCode(200).body("status", is("REMOVAL_REQUESTED"));

                // Her history tells it in sentences and verifies.
                page.open("/history");
                assertEquals("true", page.waitFor(By.id("verification")).getAttribute("data-valid"));
                page.check("history");

                // She revokes Bob: his page no longer lists her, and a platform check is denied.
                page.open("/sharing");
                page.press(By.cssSelector("#grants tr[data-grantee='Bob Person'] button"), Keys.ENTER);
                page.waitFor(By.cssSelector("p.done"));
                assertEquals("not-permitted", check(bob, likeness).getString("decisions[0].reason"));
                bobPage.open("/featuring");
                bobPage.waitFor(By.id("held-none"));
                assertTrue(bobPage.all(By.cssSelector("#held tr[data-owner='Alice Person']")).isEmpty());

                page.open("/settings");
                page.check("settings");
                // A webhook: its signing secret is shown once, then its delivery log.
                page.type(By.id("webhook-url"), "http://127.0.0.1:9/likeness-hook");
                page.press(By.cssSelector("form[action='/settings/webhooks'] button[type='submit']"), Keys.ENTER);
                assertTrue(page.text(By.id("webhook-secret")).startsWith("whsec_"), "the new secret is shown");
                page.press(By.linkText("Delivery log"), Keys.ENTER);
                page.waitFor(By.cssSelector("main table"));
                page.check("webhook-log");
                // She downloads her data: one archive, every service's export whole, naming her likeness,
                // Bob's draft of her and its alert, and no webhook secret.
                page.open("/settings");
                Map<String, String> archive = unzip(page.download(page.waitFor(By.id("download-my-data")).getDomAttribute("href")));
                JsonPath manifest = JsonPath.from(archive.get("manifest.json"));
                assertEquals(true, manifest.getBoolean("complete"), archive.get("manifest.json"));
                assertEquals(List.of("identity-service.json", "consent-service.json", "notification-service.json"),
                        manifest.getList("files.name"));
                assertTrue(archive.get("identity-service.json").contains(likeness));
                assertTrue(archive.get("consent-service.json").contains(draft) && archive.get("consent-service.json").contains(Users.id(bob)));
                assertTrue(archive.get("notification-service.json").contains(draft));
                assertFalse(String.join("", archive.values()).contains("whsec_"), "no webhook secret leaves the services");
                page.open("/");
                page.check("home");
            }
        }
    }

    @Test
    void aTeenCannotChooseEveryoneAndAFormWithoutItsCsrfTokenChangesNothing() throws Exception {
        String erin = Users.create("Erin");
        makeTeen(Users.id(erin));
        String likeness = World.announceLikeness(erin);
        try (Chromium chromium = Chromium.start(Locale.FRANCE)) {
            Console page = new Console(chromium.driver(), console);
            page.signIn(erin);
            page.open("/sharing");
            page.waitFor(By.id("audience-heading"));
            assertEquals("Qui peut m’utiliser", page.text(By.tagName("h1")), "the browser asked for French");
            WebElement everyone = page.waitFor(By.id("audience-EVERYONE"));
            assertFalse(everyone.isEnabled(), "EVERYONE cannot be chosen on a teen account");
            assertTrue(page.text(By.id("audience-EVERYONE-why")).contains("adolescent"), "and the page says why");
            page.check("sharing-teen-fr");

            // A forged post for someone else's likeness, with a valid CSRF token: the service refuses, the page says not found.
            // (submit() posts as a plain form would: htmx took the form's address when the page loaded.)
            String sam = Users.create("Sam");
            String someoneElses = World.announceLikeness(sam);
            ((JavascriptExecutor) page.browser()).executeScript("""
                    const form = document.querySelector("form[action$='/audience']");
                    form.action = '/sharing/' + arguments[0] + '/audience';
                    form.querySelector('#audience-APPROVED').checked = true;
                    form.submit();""", someoneElses);
            page.waitForText(By.cssSelector("div.problem"), "Introuvable");
            given().baseUri(consent).auth().oauth2(Tokens.freshUser(erin)).get("/v1/likenesses/{id}", someoneElses).then()
                    .statusCode(404);
            given().baseUri(consent).auth().oauth2(Tokens.freshUser(sam)).get("/v1/likenesses/{id}", someoneElses).then()
                    .statusCode(200).body("audience", is("ONLY_ME"));
            page.open("/sharing");
            page.waitFor(By.id("audience-heading"));

            // A forged post: the audience form without its CSRF token.
            ((JavascriptExecutor) page.browser()).executeScript("""
                    const form = document.querySelector("form[action$='/audience']");
                    form.querySelector("input[name='csrf-token']").remove();
                    form.querySelector('#audience-APPROVED').checked = true;
                    form.submit();""");
            // The browser is on the refused post's answer before the audience is read.
            new org.openqa.selenium.support.ui.WebDriverWait(page.browser(), Console.WAIT)
                    .until(org.openqa.selenium.support.ui.ExpectedConditions.urlContains("/audience"));
            given().baseUri(consent).auth().oauth2(Tokens.freshUser(erin)).get("/v1/likenesses/{id}", likeness).then()
                    .statusCode(200).body("audience", is("ONLY_ME"));
        }
    }

    @Test
    void theConsoleSignsInWithPkceAndServesStrictHeaders() {
        given().redirects().follow(false).get(console + "/").then().statusCode(302)
                .header("Location", containsString("code_challenge_method=S256"))
                .header("Location", containsString("client_id=likeness-console"))
                .header("Content-Security-Policy", containsString("frame-ancestors 'none'"))
                .header("Content-Security-Policy", not(containsString("unsafe-inline")))
                .header("X-Content-Type-Options", "nosniff");
        // Until signed in there is no page and no change: a post is sent to sign in too.
        given().redirects().follow(false).formParam("audience", "EVERYONE").post(console + "/sharing/" + UUID.randomUUID() + "/audience")
                .then().statusCode(anyOf(is(302), is(401)));
    }

    /** A capture that failed its checks: the enrolment's page says, in the person's language, what to do when recording again. */
    @Test
    void aRejectedCaptureSaysWhatToDoInThePersonsLanguage() {
        String rita = Users.create("Rita");
        World.Enrolment enrolment = World.start(rita);
        World.fail(rita, enrolment, Captures.Act::silent);
        try (Chromium chromium = Chromium.start(Locale.FRENCH)) {
            Console page = new Console(chromium.driver(), console);
            page.signIn(rita);
            page.open("/enrol/" + enrolment.id());
            assertEquals("REJECTED", page.waitFor(By.id("enrolment-result")).getDomAttribute("data-status"));
            List<String> advice = page.all(By.cssSelector("li.failed .advice")).stream().map(WebElement::getText).toList();
            assertTrue(advice.contains(consoleText("fr", "hint.too-quiet")), "the hint's advice, in French: " + advice);
            page.check("enrol-rejected");
        }
    }

    @Test
    void trustAndSafetySuspendsALikenessFromTheConsole() {
        String owner = Users.create("Olga");
        String likeness = World.verify(owner, World.start(owner));
        String staff = Users.create("Tess");
        KeycloakAdmin.send("POST", "/users/" + Users.id(staff) + "/role-mappings/realm",
                "[" + KeycloakAdmin.send("GET", "/roles/trust-safety", null, 200) + "]", 204);
        try (Chromium chromium = Chromium.start(Locale.US)) {
            Console page = new Console(chromium.driver(), console);
            page.signIn(staff);
            page.open("/trust");
            page.type(By.id("likeness-id"), likeness + "\n");
            page.type(By.id("suspend-reason"), "Impersonation report 42");
            page.press(By.cssSelector("form[action$='/suspension'] button"), Keys.ENTER);
            page.waitFor(By.cssSelector("p.done"));
            page.check("trust");
        }
        given().baseUri(PackagedServices.url(Service.IDENTITY)).auth().oauth2(Tokens.freshUser(owner))
                .get("/v1/likenesses/{id}", likeness).then().statusCode(200).body("status", is("SUSPENDED"));
    }

    /**
     * Last, as it deletes an account, and of a person made for it alone: a wrong user name erases
     * nothing; their own signs them out onto "under way", and once identity-service's job has
     * deleted their account they cannot sign in again.
     */
    @Test
    @Order(Integer.MAX_VALUE)
    void aPersonErasesTheirAccountByTypingTheirUserNameAndCannotSignInAgain() {
        String ezra = Users.create("Ezra");
        String likeness = World.verify(ezra, World.start(ezra));
        String identity = PackagedServices.url(Service.IDENTITY);
        try (Chromium chromium = Chromium.start(Locale.US)) {
            Console page = new Console(chromium.driver(), console);
            page.signIn(ezra);
            page.open("/settings");
            page.press(By.id("erase-my-account"), Keys.ENTER);
            page.waitFor(By.id("erasure-confirmation"));
            assertTrue(page.text(By.id("erasure-does")).contains("biometric data"), "the page says what erasing does");
            assertEquals("/settings/my-data", page.waitFor(By.id("erasure-download")).getDomAttribute("href"),
                    "and offers the download first");
            page.check("erasure");

            // Her user name in capitals is not her user name: refused, said at the field, nothing erased.
            page.type(By.id("erasure-confirmation"), ezra.toUpperCase(Locale.ROOT));
            page.press(By.id("erasure-submit"), Keys.ENTER);
            page.waitForText(By.cssSelector("div.problem"), "Please confirm");
            WebElement field = page.waitFor(By.id("erasure-confirmation"));
            assertEquals("true", field.getDomAttribute("aria-invalid"));
            assertTrue(field.getDomAttribute("aria-describedby").contains("erasure-confirmation-error"));
            assertTrue(page.text(By.id("erasure-confirmation-error")).contains(ezra), "the error names what to type");
            assertEquals(field, page.browser().switchTo().activeElement(), "the keyboard is back on the field");
            page.check("erasure-refused");
            given().baseUri(identity).auth().oauth2(Tokens.freshUser(ezra)).get("/v1/likenesses/{id}", likeness).then()
                    .statusCode(200).body("status", is("VERIFIED"));

            page.type(By.id("erasure-confirmation"), ezra);
            page.press(By.id("erasure-submit"), Keys.ENTER);
            new WebDriverWait(page.browser(), Console.WAIT).until(ExpectedConditions.urlContains("/erasure-under-way"));
            assertEquals("Your account is being erased", page.text(By.tagName("h1")));
            page.check("erasure-under-way");

            // The account goes last, by identity-service's job; then Keycloak's login page refuses her.
            Awaitility.await().atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofSeconds(1)).until(() -> JsonPath.from(
                    KeycloakAdmin.send("GET", "/users?exact=true&username=" + ezra, null, 200)).getList("$").isEmpty());
            page.sendCredentials(ezra);
            page.waitForText(By.tagName("body"), "Invalid username or password.");
            assertFalse(page.browser().getCurrentUrl().startsWith(console), "she stays on Keycloak's login page");
        }
    }

    /** age_group=teen on the account, as an administrator sets it (the rest of the account unchanged). */
    private static Map<String, String> unzip(byte[] zip) throws IOException {
        Map<String, String> files = new LinkedHashMap<>();
        try (ZipInputStream entries = new ZipInputStream(new ByteArrayInputStream(zip))) {
            for (ZipEntry entry = entries.getNextEntry(); entry != null; entry = entries.getNextEntry()) {
                files.put(entry.getName(), new String(entries.readAllBytes(), StandardCharsets.UTF_8));
            }
        }
        return files;
    }

    /** A text of the console in a language, as its messages file has it. */
    private static String consoleText(String language, String key) {
        Path messages = Path.of(System.getProperty("likeness.repository"), "web-console/src/main/resources/messages/msg_" + language + ".properties");
        try (var reader = Files.newBufferedReader(messages, StandardCharsets.UTF_8)) {
            Properties texts = new Properties();
            texts.load(reader);
            return texts.getProperty(key);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void makeTeen(String userId) throws Exception {
        com.fasterxml.jackson.databind.ObjectMapper json = new com.fasterxml.jackson.databind.ObjectMapper();
        com.fasterxml.jackson.databind.node.ObjectNode user = (com.fasterxml.jackson.databind.node.ObjectNode)
                json.readTree(KeycloakAdmin.send("GET", "/users/" + userId, null, 200));
        user.withObject("attributes").putArray("age_group").add("teen");
        KeycloakAdmin.send("PUT", "/users/" + userId, json.writeValueAsString(user), 204);
    }

    /** The likeness consent-service knows for the person, once likeness.verified reached it. */
    private static String awaitLikeness(String person) {
        Awaitility.await().atMost(Console.WAIT).until(() -> given().baseUri(consent).auth().oauth2(Tokens.freshUser(person))
                .get("/v1/likenesses").then().extract().jsonPath().getList("id").size() == 1);
        return given().baseUri(consent).auth().oauth2(Tokens.freshUser(person)).get("/v1/likenesses").then().extract().path("[0].id");
    }

    private static JsonPath check(String requester, String likeness) {
        return given().baseUri(consent).auth().oauth2(Tokens.platform()).contentType(ContentType.JSON)
                .body("{\"requesterId\":\"" + Users.id(requester) + "\",\"requesterToken\":\"" + Tokens.requester(requester)
                        + "\",\"likenessIds\":[\"" + likeness + "\"],\"purpose\":\"draft\"}")
                .post("/v1/checks").then().statusCode(200).extract().jsonPath();
    }

    private static String register(String consentToken, String creator, String likeness) {
        return given().baseUri(consent).auth().oauth2(Tokens.platform()).contentType(ContentType.JSON)
                .body("{\"draftId\":\"console-" + UUID.randomUUID() + "\",\"creatorId\":\"" + Users.id(creator)
                        + "\",\"creatorToken\":\"" + Tokens.requester(creator) + "\",\"likenessIds\":[\"" + likeness + "\"],\"consentToken\":\"" + consentToken + "\"}")
                .post("/v1/drafts").then().statusCode(201).extract().path("id");
    }
}
