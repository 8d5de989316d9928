package dev.likeness.system;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Function;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.likeness.devstack.Service;

/**
 * The bad-input corpus sent to every operation the three packaged services document: malformed,
 * mistyped, huge and deeply nested bodies, wrong content types, invalid ids, injection strings,
 * bad bearer tokens, bad consent tokens, expired and reused challenges, oversized and unreadable
 * captures. Each case is a request the caller may make with one thing wrong. Then: no answer is
 * a 5xx, every error is problem+json, and not one row of the three databases changed.
 * The counts land in {@code target/bad-input.md}.
 */
@ExtendWith(PackagedServices.class)
class BadInputIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Path REPORT = Path.of("target/bad-input.md");
    private static final int PARALLEL = 4;

    /** How a case went wrong, if it did; null for a case answered as it should be. */
    record Outcome(Corpus.Case kase, int status, String failure) {
    }

    @Test
    void everyEndpointAnswersBadInputWithAProblemAndNoRowChanges() throws Exception {
        World world = World.seed();
        Corpus corpus = new Corpus();
        List<OpenApi.Operation> operations = new ArrayList<>();
        for (Service service : Service.BACKENDS) {
            operations.addAll(OpenApi.operations(service, PackagedServices.url(service)));
        }
        Map<Caller, Map<String, String>> bearers = new EnumMap<>(Caller.class);
        List<Corpus.Case> cases = new ArrayList<>();
        for (OpenApi.Operation operation : operations) {
            ValidRequests.Valid valid = ValidRequests.of(operation, world);
            Map<String, String> ids = new LinkedHashMap<>();
            operation.in("path").forEach(parameter -> ids.put(parameter.name(), world.id(operation.path(), parameter.name())));
            Function<String, Http.Request> base = path -> request(operation, path, valid, world);
            Map<String, String> bad = operation.secured()
                    ? bearers.computeIfAbsent(valid.caller(), caller -> BadTokens.bearer(caller.token(world))) : Map.of();
            cases.addAll(corpus.cases(operation, base, ids, valid, bad));
            cases.addAll(consentTokenCases(operation, world, base, ids));
        }
        List<Corpus.Case> unreadable = new ArrayList<>();
        cases.addAll(CaptureCases.of(operations, world, unreadable));

        Map<String, Set<String>> before = awaitQuiet();
        List<Outcome> outcomes = run(cases, PARALLEL);
        // Counted failed attempts make a person wait (README "Rate limit"): sent last, so they cannot turn other cases into 429s;
        // one at a time, as a challenge takes one capture at a time (another is 409 capture-in-progress, which counts nothing).
        outcomes.addAll(run(unreadable, 1));
        Thread.sleep(2000); // anything a refused request set off would have reached the databases by now
        List<String> changes = Databases.diff(before, Databases.snapshot());
        List<String> unexpected = changes.stream().filter(change -> !CaptureCases.countedFailure(change, world)).toList();

        writeReport(operations, outcomes, before, changes, unexpected);
        List<String> failures = outcomes.stream().filter(o -> o.failure() != null)
                .map(o -> o.kase().operation().key() + " [" + o.kase().category() + " " + printable(o.kase().name()) + "]: " + o.failure())
                .toList();
        assertEquals(List.of(), failures, failures.size() + " of " + outcomes.size() + " cases answered wrongly; see " + REPORT);
        assertEquals(List.of(), unexpected, "refused requests changed rows");
        assertEquals(unreadable.size(), changes.size() - unexpected.size(), "each unreadable capture counts as one failed attempt");
    }

    /** Draft registration and publication with consent tokens that must not verify: 422, nothing registered. */
    private static List<Corpus.Case> consentTokenCases(OpenApi.Operation operation, World world, Function<String, Http.Request> base,
                                                       Map<String, String> ids) {
        String path = Corpus.fill(operation.path(), ids);
        List<Corpus.Case> cases = new ArrayList<>();
        if (operation.key().equals("consent POST /v1/drafts")) {
            String body = world.draftBody();
            String genuine = body.replaceAll(".*\"consentToken\":\"([^\"]+)\".*", "$1");
            BadTokens.consent(genuine).forEach((name, token) -> cases.add(new Corpus.Case("consent-token", name, operation,
                    base.apply(path).json(body.replace(genuine, token)), true)));
        } else if (operation.key().equals("consent POST /v1/drafts/{draftId}/publication")) {
            BadTokens.consent(world.consentToken("publish")).forEach((name, token) -> cases.add(new Corpus.Case("consent-token", name,
                    operation, base.apply(path).json("{\"consentToken\":\"" + token + "\"}"), true)));
        }
        return cases;
    }

    static Http.Request request(OpenApi.Operation operation, String path, ValidRequests.Valid valid, World world) {
        Http.Request request = Http.request(operation.method(), PackagedServices.url(operation.service()) + path)
                .bearer(valid.caller().token(world));
        valid.headers().forEach(request::header);
        if (valid.body() != null) {
            request.body(valid.contentType(), valid.body());
        }
        return request;
    }

    private static List<Outcome> run(List<Corpus.Case> cases, int parallel) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(parallel);
        try {
            List<Future<Outcome>> futures = new ArrayList<>();
            for (Corpus.Case kase : cases) {
                futures.add(pool.submit(() -> judge(kase)));
            }
            List<Outcome> outcomes = new ArrayList<>();
            for (Future<Outcome> future : futures) {
                outcomes.add(future.get());
            }
            return outcomes;
        } finally {
            pool.shutdown();
        }
    }

    private static Outcome judge(Corpus.Case kase) {
        Http.Answer answer;
        try {
            answer = kase.request().send();
        } catch (RuntimeException e) {
            return new Outcome(kase, 0, "no answer: " + e.getCause());
        }
        int status = answer.status();
        if (status >= 500) {
            return new Outcome(kase, status, status + " " + answer.body());
        }
        if (status >= 400) {
            String problem = problem(answer);
            if (problem != null) {
                return new Outcome(kase, status, status + " not a problem: " + problem);
            }
        }
        if (kase.category().equals("token") && status != 401) {
            return new Outcome(kase, status, "a bad token answered " + status + ", not 401");
        }
        if (kase.mustRefuse() && status < 400) {
            return new Outcome(kase, status, "bad input accepted: " + status);
        }
        return new Outcome(kase, status, null);
    }

    /** What is wrong with an error answer as an RFC 9457 problem of this project, or null. */
    private static String problem(Http.Answer answer) {
        if (!answer.contentType().startsWith("application/problem+json")) {
            return "Content-Type " + answer.contentType() + ", body " + abbreviate(answer.body());
        }
        try {
            JsonNode problem = JSON.readTree(answer.body());
            for (String field : List.of("type", "title", "status", "code")) {
                if (!problem.hasNonNull(field)) {
                    return "no " + field + " in " + abbreviate(answer.body());
                }
            }
            return problem.get("status").asInt() == answer.status() ? null : "status " + problem.get("status") + " in the body";
        } catch (IOException e) {
            return "body not JSON: " + abbreviate(answer.body());
        }
    }

    /** The databases once the seeding's events have all been applied: two snapshots in a row alike. */
    private static Map<String, Set<String>> awaitQuiet() throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        Map<String, Set<String>> previous = Databases.snapshot();
        while (System.nanoTime() < deadline) {
            Thread.sleep(1500);
            Map<String, Set<String>> now = Databases.snapshot();
            if (now.equals(previous)) {
                return now;
            }
            previous = now;
        }
        throw new IllegalStateException("the databases kept changing after the seeding");
    }

    private static void writeReport(List<OpenApi.Operation> operations, List<Outcome> outcomes, Map<String, Set<String>> before,
                                    List<String> changes, List<String> unexpected) throws IOException {
        StringBuilder report = new StringBuilder("# Bad input: results of the last run\n\n")
                .append("Written by `BadInputIT` (deploy/system-tests). Cases are the corpus in `src/test/resources/bad-input` "
                        + "applied to every operation of the services' OpenAPI documents.\n\n")
                .append("| service | operations | cases | 2xx | 4xx | 5xx | errors not problem+json | bad input accepted | wrong answers in all |\n")
                .append("| --- | --- | --- | --- | --- | --- | --- | --- | --- |\n");
        for (Service service : Service.BACKENDS) {
            List<Outcome> mine = outcomes.stream().filter(o -> o.kase().operation().service() == service).toList();
            report.append("| ").append(service.module).append(" | ")
                    .append(operations.stream().filter(o -> o.service() == service).count()).append(" | ")
                    .append(mine.size()).append(" | ")
                    .append(mine.stream().filter(o -> o.status() >= 200 && o.status() < 300).count()).append(" | ")
                    .append(mine.stream().filter(o -> o.status() >= 400 && o.status() < 500).count()).append(" | ")
                    .append(mine.stream().filter(o -> o.status() >= 500).count()).append(" | ")
                    .append(mine.stream().filter(o -> o.failure() != null && o.failure().contains("not a problem")).count()).append(" | ")
                    .append(mine.stream().filter(o -> o.failure() != null && o.failure().startsWith("bad input accepted")).count()).append(" | ")
                    .append(mine.stream().filter(o -> o.failure() != null).count()).append(" |\n");
        }
        Map<String, Integer> byCategory = new TreeMap<>();
        Map<Integer, Integer> byStatus = new TreeMap<>();
        outcomes.forEach(o -> {
            byCategory.merge(o.kase().category(), 1, Integer::sum);
            byStatus.merge(o.status(), 1, Integer::sum);
        });
        report.append("\nCases by category: ").append(byCategory).append("  \nAnswers by status: ").append(byStatus).append("\n\n");
        report.append("Database diff: ").append(before.size()).append(" tables, ")
                .append(before.values().stream().mapToInt(Set::size).sum()).append(" rows compared; ")
                .append(changes.size() - unexpected.size()).append(" rows added by counted capture failures (expected), ")
                .append(unexpected.size()).append(" other changes.\n");
        List<Outcome> wrong = outcomes.stream().filter(o -> o.failure() != null).toList();
        if (!wrong.isEmpty() || !unexpected.isEmpty()) {
            report.append("\n## Wrong answers\n\n");
            wrong.forEach(o -> report.append("- ").append(o.kase().operation().key()).append(" [").append(o.kase().category()).append(' ')
                    .append(printable(o.kase().name())).append("]: ").append(abbreviate(o.failure())).append('\n'));
            unexpected.forEach(change -> report.append("- changed: ").append(abbreviate(change)).append('\n'));
        }
        Files.createDirectories(REPORT.getParent());
        Files.writeString(REPORT, report);
    }

    private static String abbreviate(String text) {
        return shortened(text, 300);
    }

    private static String printable(String text) {
        return shortened(text, 120);
    }

    /** One line of Markdown: control characters and pipes escaped, long text cut. */
    private static String shortened(String text, int max) {
        String flat = text.replace("\r", "\\r").replace("\n", "\\n").replace("\0", "\\0").replace("|", "\\|");
        return flat.length() > max ? flat.substring(0, max) + "… (" + flat.length() + " characters)" : flat;
    }
}
