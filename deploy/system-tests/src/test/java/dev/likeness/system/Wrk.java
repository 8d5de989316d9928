package dev.likeness.system;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Drives HTTP load with wrk (Debian package): one warm-up, then several measured runs of the
 * same requests. Bodies are taken in turn, so the server cannot answer from one cached body.
 */
final class Wrk {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** One measured run: requests, seconds, failures (non-2xx or socket errors), latency quantiles in µs. */
    record Run(long requests, double seconds, long failed, long p50, long p99, long p999) {

        double throughput() {
            return requests / seconds;
        }
    }

    /** What to send: GET when there are no bodies, else POST of each body in turn. */
    record Load(String url, Map<String, String> headers, String contentType, List<String> bodies) {

        static Load get(String url, String bearer) {
            return new Load(url, Map.of("Authorization", "Bearer " + bearer), null, List.of());
        }

        static Load post(String url, String bearer, String contentType, List<String> bodies) {
            return new Load(url, Map.of("Authorization", "Bearer " + bearer), contentType, bodies);
        }
    }

    private final int connections;
    private final Duration warmUp;
    private final Duration measured;

    Wrk(int connections, Duration warmUp, Duration measured) {
        this.connections = connections;
        this.warmUp = warmUp;
        this.measured = measured;
    }

    int connections() {
        return connections;
    }

    List<Run> measure(Load load, int runs) throws IOException, InterruptedException {
        return measure(load, runs, connections);
    }

    /** A warm-up, then {@code runs} measured runs. */
    List<Run> measure(Load load, int runs, int clients) throws IOException, InterruptedException {
        Path script = Files.createTempFile("wrk-", ".lua");
        Files.writeString(script, script(load));
        try {
            run(script, load.url(), warmUp, clients);
            List<Run> results = new ArrayList<>();
            for (int i = 0; i < runs; i++) {
                results.add(run(script, load.url(), measured, clients));
            }
            return results;
        } finally {
            Files.deleteIfExists(script);
        }
    }

    private static String script(Load load) throws IOException {
        StringBuilder lua = new StringBuilder();
        for (Map.Entry<String, String> header : load.headers().entrySet()) {
            lua.append("wrk.headers[").append(JSON.writeValueAsString(header.getKey())).append("] = ")
                    .append(JSON.writeValueAsString(header.getValue())).append('\n'); // a JSON string is a Lua string
        }
        if (!load.bodies().isEmpty()) {
            lua.append("wrk.method = \"POST\"\nwrk.headers[\"Content-Type\"] = ").append(JSON.writeValueAsString(load.contentType()))
                    .append("\nlocal bodies = {\n");
            for (String body : load.bodies()) {
                lua.append("  ").append(JSON.writeValueAsString(body)).append(",\n");
            }
            lua.append("}\nlocal n = 0\nrequest = function()\n  n = n + 1\n  return wrk.format(nil, nil, nil, bodies[n % #bodies + 1])\nend\n");
        }
        lua.append("""
                done = function(summary, latency, requests)
                  local e = summary.errors
                  io.write(string.format("RESULT %d %d %d %d %d %d\\n", summary.requests, summary.duration,
                    e.status + e.connect + e.read + e.write + e.timeout,
                    latency:percentile(50), latency:percentile(99), latency:percentile(99.9)))
                end
                """);
        return lua.toString();
    }

    private static Run run(Path script, String url, Duration length, int clients) throws IOException, InterruptedException {
        Process wrk = new ProcessBuilder("wrk", "-t1", "-c" + clients, "-d" + length.toSeconds() + "s", "--timeout", "10s",
                "-s", script.toString(), url).redirectErrorStream(true).start();
        String output = new String(wrk.getInputStream().readAllBytes());
        assertEquals(0, wrk.waitFor(), output);
        String[] result = output.lines().filter(line -> line.startsWith("RESULT ")).findFirst()
                .orElseThrow(() -> new IllegalStateException("wrk printed no result: " + output)).split(" ");
        return new Run(Long.parseLong(result[1]), Long.parseLong(result[2]) / 1e6, Long.parseLong(result[3]),
                Long.parseLong(result[4]), Long.parseLong(result[5]), Long.parseLong(result[6]));
    }
}
