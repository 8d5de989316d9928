package dev.likeness.system;

import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import dev.likeness.captures.Bombs;
import dev.likeness.captures.Bombs.Bomb;
import dev.likeness.devstack.Service;
import dev.likeness.devstack.testing.Tokens;
import dev.likeness.devstack.testing.Users;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.restassured.response.ValidatableResponse;

/**
 * Requests a signed-in caller may make that are built to cost a service far more than they are
 * worth (deploy/README.md, "Abuse findings"), against the packaged services: each is refused as
 * the contract says, none is a 5xx, the service never runs out of memory, and nothing changes but
 * what the refusal records. identity-service's CPU time and heap are measured around the bombs;
 * the figures land in {@code target/abuse.md}.
 */
@ExtendWith(PackagedServices.class)
class AbuseIT {

    private static final Path REPORT = Path.of("target/abuse.md");

    private record Outcome(Bomb bomb, int bytes, int status, String code, List<String> failedChecks, long millis) {
    }

    @Test
    void captureBombsAreRefusedByTheirBoundAndChangeOnlyTheirEnrolment() throws Exception {
        Map<Bomb, byte[]> bombs = new EnumMap<>(Bomb.class);
        Map<Bomb, String> people = new EnumMap<>(Bomb.class);
        Map<Bomb, World.Enrolment> enrolments = new EnumMap<>(Bomb.class);
        for (Bomb bomb : Bomb.values()) {
            bombs.put(bomb, Bombs.of(bomb));
            people.put(bomb, Users.create("Bomber"));
            enrolments.put(bomb, World.start(people.get(bomb)));
        }
        long pid = PackagedServices.pid(Service.IDENTITY);
        Map<String, Set<String>> before = Databases.snapshot();
        Usage start = Usage.of(pid);

        List<Outcome> outcomes = new ArrayList<>();
        for (Bomb bomb : Bomb.values()) {
            World.Enrolment enrolment = enrolments.get(bomb);
            long began = System.nanoTime();
            Response answer = World.as(people.get(bomb), Service.IDENTITY).header("Likeness-Challenge-Nonce", enrolment.nonce())
                    .contentType(bomb.mediaType).body(bombs.get(bomb)).put("/v1/enrolments/{id}/capture", enrolment.id());
            long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - began);
            outcomes.add(new Outcome(bomb, bombs.get(bomb).length, answer.statusCode(), answer.path("code"),
                    answer.jsonPath().getList("errors.field", String.class), millis));
        }
        Usage end = Usage.of(pid);
        List<String> changes = Databases.diff(before, Databases.snapshot());
        List<String> unexpected = changes.stream().filter(change -> !recordsARefusal(change, people.values(), enrolments.values())).toList();
        writeReport(outcomes, start, end, changes);

        for (Outcome outcome : outcomes) {
            assertEquals(422, outcome.status(), outcome.bomb() + " answered " + outcome.status());
            assertEquals("liveness-failed", outcome.code(), outcome.bomb().name());
            assertEquals(List.of(outcome.bomb().failedCheck), outcome.failedChecks(), outcome.bomb().name());
        }
        assertFalse(Files.readString(PackagedServices.log(Service.IDENTITY)).contains("OutOfMemoryError"), "identity-service ran out of memory");
        assertEquals(List.of(), unexpected, "a refused capture changed more than its own enrolment and failed attempt");
    }

    /**
     * The finding that opened the hardening issue: a platform naming the owner of an ONLY_ME
     * likeness as its requester, with a forbidden tag, got an allowed answer and a consent token.
     * Now only the owner's own token issued to that platform proves it; nothing else is allowed,
     * registers a draft or changes a row.
     */
    @Test
    void aPlatformCannotActForAPersonWithoutTheirProof() {
        String owner = Users.create("Owner");
        String likeness = World.announceLikeness(owner);
        String ownerId = Users.id(owner);
        String bystander = Users.create("Bystander");
        Map<String, Set<String>> before = Databases.snapshot();

        for (String notAProof : List.of(Tokens.requester(bystander), Tokens.user(owner), Tokens.forged(Tokens.requester(owner)),
                Tokens.platform())) {
            check(Map.of("requesterId", ownerId, "requesterToken", notAProof, "likenessIds", List.of(likeness),
                    "purpose", "draft", "contentTags", List.of("political")))
                    .body("allowed", is(false)).body("decisions[0].reason", is("requester-unproven")).body("consentToken", nullValue());
        }
        String ownersToken = check(Map.of("requesterId", ownerId, "requesterToken", Tokens.requester(owner),
                "likenessIds", List.of(likeness), "purpose", "draft")).extract().path("consentToken");
        World.platform(Service.CONSENT).contentType(ContentType.JSON)
                .body(Map.of("draftId", "abuse-" + likeness, "creatorId", ownerId, "creatorToken", Tokens.requester(bystander),
                        "likenessIds", List.of(likeness), "consentToken", ownersToken))
                .post("/v1/drafts").then().statusCode(403).contentType("application/problem+json").body("code", is("requester-unproven"));

        assertEquals(List.of(), changes(before, "consent", likeness, ownerId), "an unproven requester changed something");
    }

    /**
     * A platform learns of a denial only that it is not permitted: not that the owner blocked the
     * person, nor the owner's guidelines; a protected name written with a look-alike Cyrillic
     * letter and a zero-width space is still that name. Checks write nothing.
     */
    @Test
    void aDenialNamesNoBlockNorGuidelinesAndALookAlikeNameIsStillProtected() {
        String owner = Users.create("Owner");
        String likeness = likenessOf(owner, "EVERYONE");
        World.as(owner, Service.CONSENT).contentType(ContentType.JSON)
                .body("{\"forbiddenTags\":[],\"guidelines\":\"Only for my friends from the choir\"}")
                .put("/v1/likenesses/{id}/restrictions", likeness).then().statusCode(200);
        String blocked = Users.create("Blocked");
        World.as(owner, Service.CONSENT).put("/v1/likenesses/{id}/blocks/{person}", likeness, Users.id(blocked)).then().statusCode(200);
        String name = "Orla Okonkwo " + UUID.randomUUID().toString().substring(0, 8); // a name of its own in a shared registry
        World.as("dana", Service.CONSENT).contentType(ContentType.JSON).body(Map.of("name", name, "kind", "PUBLIC_FIGURE"))
                .post("/v1/protected-persons").then().statusCode(201);
        String bystander = Users.create("Bystander");
        Map<String, Set<String>> before = Databases.snapshot();

        check(Map.of("requesterId", Users.id(blocked), "requesterToken", Tokens.requester(blocked), "likenessIds", List.of(likeness),
                "purpose", "draft"))
                .body("allowed", is(false)).body("decisions[0].reason", is("not-permitted")).body("$", not(hasKey("guidelines")));
        String lookAlike = name.replace('O', '\u041E').replace(" ", " \u200B");
        check(Map.of("requesterId", Users.id(bystander), "requesterToken", Tokens.requester(bystander), "likenessIds", List.of(likeness),
                "purpose", "draft", "mentionedNames", List.of(lookAlike)))
                .body("decisions[0].allowed", is(true)).body("allowed", is(false)).body("mentions[0].reason", is("protected-person"));

        assertEquals(List.of(), changes(before, "consent", likeness, Users.id(blocked)), "a check changed something");
    }

    /** Asking for access, withdrawing and asking again stops at the limit; the refusal writes nothing. */
    @Test
    void askingAndWithdrawingInALoopStopsAndTheRefusalWritesNothing() {
        String owner = Users.create("Owner");
        String likeness = likenessOf(owner, "APPROVED");
        String asker = Users.create("Asker");
        String ask = "{\"likenessId\":\"" + likeness + "\",\"purposes\":[\"draft\"]}";
        for (int i = 0; i < 3; i++) {
            String request = World.as(asker, Service.CONSENT).contentType(ContentType.JSON).body(ask).post("/v1/access-requests")
                    .then().statusCode(201).extract().path("id");
            World.as(asker, Service.CONSENT).delete("/v1/access-requests/{id}", request).then().statusCode(200);
        }
        Map<String, Set<String>> before = Databases.snapshot();

        World.as(asker, Service.CONSENT).contentType(ContentType.JSON).body(ask).post("/v1/access-requests").then().statusCode(429)
                .contentType("application/problem+json").body("code", is("too-many-requests")).header("Retry-After", notNullValue());

        assertEquals(List.of(), changes(before, "consent", likeness, Users.id(asker)), "a refused request changed something");
    }

    /** A person holds at most three challenges open; the fourth is refused and writes nothing. */
    @Test
    void aFourthOpenChallengeIsRefusedAndWritesNothing() {
        String person = Users.create("Opener");
        for (int i = 0; i < 3; i++) {
            World.start(person);
        }
        Map<String, Set<String>> before = Databases.snapshot();

        World.as(person, Service.IDENTITY).post("/v1/enrolments").then().statusCode(429).contentType("application/problem+json")
                .header("Retry-After", notNullValue());

        assertEquals(List.of(), changes(before, "identity", Users.id(person)), "a refused challenge changed something");
    }

    private static String likenessOf(String owner, String audience) {
        String likeness = World.announceLikeness(owner);
        World.as(owner, Service.CONSENT).contentType(ContentType.JSON).body(Map.of("audience", audience))
                .put("/v1/likenesses/{id}/audience", likeness).then().statusCode(200);
        return likeness;
    }

    private static ValidatableResponse check(Map<String, Object> body) {
        return World.platform(Service.CONSENT).contentType(ContentType.JSON).body(body).post("/v1/checks").then().statusCode(200);
    }

    /**
     * Rows of that service's database about these ids added or removed since {@code before}; the
     * outbox relay removing events it published earlier is no change of the request's.
     */
    private static List<String> changes(Map<String, Set<String>> before, String database, String... ids) {
        return Databases.diff(before, Databases.snapshot()).stream()
                .filter(change -> change.startsWith(database + ".") && !change.startsWith(database + ".outbox_event - "))
                .filter(change -> Arrays.stream(ids).anyMatch(change::contains))
                .toList();
    }

    /** What a refused capture may change: its enrolment (rejected), its digest, its person's failed attempt. */
    private static boolean recordsARefusal(String change, Collection<String> people, Collection<World.Enrolment> enrolments) {
        boolean ours = people.stream().anyMatch(change::contains) || enrolments.stream().anyMatch(e -> change.contains(e.id()));
        return ours && (change.startsWith("identity.enrolment ") || change.startsWith("identity.capture_digest + ")
                || change.startsWith("identity.capture_failure + "));
    }

    /** A process' CPU time so far and, from the JVM, its heap in use after a full collection. */
    private record Usage(double cpuSeconds, long heapUsedMb, long peakResidentMb) {

        private static final Pattern USED = Pattern.compile("used (\\d+)K");

        static Usage of(long pid) throws IOException, InterruptedException {
            String[] stat = Files.readString(Path.of("/proc/" + pid + "/stat")).replaceFirst(".*\\) ", "").split(" ");
            // utime and stime, fields 14 and 15 of stat(5), in clock ticks (100 a second on Linux)
            double cpu = (Long.parseLong(stat[11]) + Long.parseLong(stat[12])) / 100.0;
            long peak = Files.readAllLines(Path.of("/proc/" + pid + "/status")).stream().filter(line -> line.startsWith("VmHWM:"))
                    .map(line -> Long.parseLong(line.replaceAll("\\D", "")) / 1024).findFirst().orElse(-1L);
            return new Usage(cpu, heapUsedMb(pid), peak);
        }

        private static long heapUsedMb(long pid) throws IOException, InterruptedException {
            String jcmd = Path.of(System.getProperty("java.home"), "bin", "jcmd").toString();
            Process gc = new ProcessBuilder(jcmd, Long.toString(pid), "GC.run").redirectErrorStream(true).start();
            gc.getInputStream().readAllBytes();
            gc.waitFor();
            Process info = new ProcessBuilder(jcmd, Long.toString(pid), "GC.heap_info").redirectErrorStream(true).start();
            String text = new String(info.getInputStream().readAllBytes());
            info.waitFor();
            // "garbage-first heap   total 98304K, used 51234K"
            Matcher used = USED.matcher(text);
            return used.find() ? Long.parseLong(used.group(1)) / 1024 : -1;
        }
    }

    private static void writeReport(List<Outcome> outcomes, Usage start, Usage end, List<String> changes) throws IOException {
        StringBuilder report = new StringBuilder("# Abuse suite\n\n## Capture bombs (identity-service, -Xmx384m)\n\n")
                .append("| bomb | bytes | answer | failed checks | time |\n| --- | ---: | --- | --- | ---: |\n");
        for (Outcome o : outcomes) {
            report.append("| ").append(o.bomb()).append(" | ").append(o.bytes()).append(" | ").append(o.status()).append(' ')
                    .append(o.code()).append(" | ").append(o.failedChecks()).append(" | ").append(o.millis()).append(" ms |\n");
        }
        report.append("\n| identity-service | before | after |\n| --- | ---: | ---: |\n")
                .append("| CPU time, s (the bombs used ").append(String.format(Locale.ROOT, "%.2f", end.cpuSeconds() - start.cpuSeconds()))
                .append(") | ").append(start.cpuSeconds()).append(" | ").append(end.cpuSeconds()).append(" |\n")
                .append("| heap in use after a full GC, MB | ").append(start.heapUsedMb()).append(" | ").append(end.heapUsedMb()).append(" |\n")
                .append("| peak resident memory, MB | ").append(start.peakResidentMb()).append(" | ").append(end.peakResidentMb()).append(" |\n")
                .append("\nRows changed (only the bombs' enrolments, digests and failed attempts may):\n\n");
        changes.forEach(change -> report.append("- `").append(change.length() > 160 ? change.substring(0, 160) + "…" : change).append("`\n"));
        Files.createDirectories(REPORT.getParent());
        Files.writeString(REPORT, report);
    }
}
