package dev.likeness.console.pages;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.StreamingOutput;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.oidc.AccessTokenCredential;

/**
 * "Download my data": one ZIP of the three services' exports (GDPR Art. 15 and 20), each copied
 * from its service to the browser a buffer at a time, and a manifest saying what each file is,
 * its size and SHA-256, and whether it arrived whole. The console keeps none of it.
 */
@Path("/settings/my-data")
public class DataDownload {

    static final String MANIFEST_FORMAT = "likeness-data-download/1";

    /** One service's export: the file it becomes and what it holds. */
    record Part(String service, URI export, String contents) {

        String file() {
            return service + ".json";
        }
    }

    private static final HttpClient HTTP = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(5)).build();

    private final List<Part> parts;

    @Inject AccessTokenCredential accessToken;
    @Inject Session session;
    @Inject ObjectMapper json;

    DataDownload(@ConfigProperty(name = "quarkus.rest-client.identity.url") URI identity,
                 @ConfigProperty(name = "quarkus.rest-client.consent.url") URI consent,
                 @ConfigProperty(name = "quarkus.rest-client.notification.url") URI notification) {
        parts = List.of(
                new Part("identity-service", identity.resolve("/v1/me/export"),
                        "your likenesses and their state, your enrolments with every check's result, and your reference image"),
                new Part("consent-service", consent.resolve("/v1/me/export"),
                        "your consent settings, grants given (with receipts) and held, access requests both ways, blocks, "
                                + "follows, drafts featuring you or made by you, and your likeness' ledger"),
                new Part("notification-service", notification.resolve("/v1/me/export"),
                        "your alerts, alert preferences, webhooks (without secrets) and their delivery log"));
    }

    @GET
    @Produces("application/zip")
    public Response download() {
        String token = accessToken.getToken();
        Map<String, Object> person = new LinkedHashMap<>();
        person.put("subjectId", session.id());
        person.put("username", session.username());
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
        StreamingOutput zip = out -> write(out, token, person, now);
        return Response.ok(zip)
                .header(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=\"likeness-data-" + now.toLocalDate() + ".zip\"")
                .header(HttpHeaders.CACHE_CONTROL, "no-store")
                .build();
    }

    private void write(OutputStream out, String token, Map<String, Object> person, OffsetDateTime now) throws IOException {
        List<Map<String, Object>> files = new ArrayList<>();
        try (ZipOutputStream zip = new ZipOutputStream(out)) {
            for (Part part : parts) {
                zip.putNextEntry(new ZipEntry(part.file()));
                files.add(copy(part, token, zip));
                zip.closeEntry();
            }
            Map<String, Object> manifest = new LinkedHashMap<>();
            manifest.put("format", MANIFEST_FORMAT);
            manifest.put("person", person);
            manifest.put("createdAt", now.toString());
            manifest.put("complete", files.stream().allMatch(file -> Boolean.TRUE.equals(file.get("complete"))));
            manifest.put("files", files);
            zip.putNextEntry(new ZipEntry("manifest.json"));
            zip.write(json.writerWithDefaultPrettyPrinter().writeValueAsBytes(manifest));
            zip.closeEntry();
        }
    }

    /**
     * The part's export copied into the archive as it arrives. A refusal or a cut is written down in
     * the manifest, not hidden: the file then holds the service's problem, or what came before the cut.
     */
    private Map<String, Object> copy(Part part, String token, OutputStream zip) throws IOException {
        Map<String, Object> file = new LinkedHashMap<>();
        file.put("name", part.file());
        file.put("service", part.service());
        file.put("contents", part.contents());
        file.put("schema", "a JSON array of ExportRecord, as " + part.service() + "'s OpenAPI document describes GET /v1/me/export");
        MessageDigest sha256 = sha256();
        long bytes = 0;
        boolean complete = false;
        try {
            HttpResponse<InputStream> answer = HTTP.send(HttpRequest.newBuilder(part.export())
                    .header("Authorization", "Bearer " + token).header("Accept", "application/json").GET().build(),
                    HttpResponse.BodyHandlers.ofInputStream());
            try (InputStream body = new DigestInputStream(answer.body(), sha256)) {
                bytes = body.transferTo(zip);
            }
            complete = answer.statusCode() == 200;
            if (!complete) {
                file.put("problem", "the service answered " + answer.statusCode() + "; the file holds its explanation");
            }
        } catch (IOException cut) {
            file.put("problem", "the transfer was cut short (" + cut.getClass().getSimpleName() + "); download again");
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", interrupted);
        }
        file.put("complete", complete);
        file.put("bytes", bytes);
        file.put("sha256", HexFormat.of().formatHex(sha256.digest()));
        return file;
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
