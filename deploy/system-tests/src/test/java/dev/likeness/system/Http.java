package dev.likeness.system;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Raw HTTP, so a request can carry what a friendly client would refuse to send: broken encodings,
 * odd headers, bodies of any size. A streaming answer (SSE) is read only up to its headers.
 */
final class Http {

    /** HTTP/1.1: by default the client asks to upgrade to HTTP/2, and a refused upload then ends in GOAWAY, not an answer. */
    private static final HttpClient CLIENT = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();

    record Answer(int status, String contentType, String body) {
    }

    static final class Request {
        final String method;
        final String url;
        final Map<String, String> headers = new LinkedHashMap<>();
        byte[] body;

        Request(String method, String url) {
            this.method = method;
            this.url = url;
        }

        /** Sets the header, or removes it when {@code value} is null. */
        Request header(String name, String value) {
            if (value == null) {
                headers.remove(name);
            } else {
                headers.put(name, value);
            }
            return this;
        }

        Request bearer(String token) {
            return token == null ? this : header("Authorization", "Bearer " + token);
        }

        Request json(String json) {
            return body("application/json", json.getBytes(StandardCharsets.UTF_8));
        }

        Request body(String contentType, byte[] bytes) {
            header("Content-Type", contentType);
            this.body = bytes;
            return this;
        }

        Answer send() {
            HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(60))
                    .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofByteArray(body));
            headers.forEach(builder::header);
            try {
                HttpResponse<InputStream> response = CLIENT.send(builder.build(), HttpResponse.BodyHandlers.ofInputStream());
                String type = response.headers().firstValue("Content-Type").orElse("");
                try (InputStream in = response.body()) {
                    String text = type.startsWith("text/event-stream") ? "" : new String(in.readAllBytes(), StandardCharsets.UTF_8);
                    return new Answer(response.statusCode(), type, text);
                }
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(method + " " + url, e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
    }

    private Http() {
    }

    static Request request(String method, String url) {
        return new Request(method, url);
    }
}
