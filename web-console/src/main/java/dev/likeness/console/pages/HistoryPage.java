package dev.likeness.console.pages;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

import com.fasterxml.jackson.databind.JsonNode;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.rest.client.inject.RestClient;

import dev.likeness.console.people.People;
import dev.likeness.console.services.ConsentApi;
import io.quarkus.qute.Template;

/**
 * The consent history of my likeness in plain sentences, with consent-service's verification of
 * its hash chain; a consent receipt per grant to download.
 */
@Path("/history")
@Produces(MediaType.TEXT_HTML)
public class HistoryPage {

    /** One ledger entry as a sentence; seq and hash let a reader match it with the export. */
    public record Line(long seq, OffsetDateTime when, String sentence, String hash, UUID grantId) {
    }

    private final Template history;
    private final Pages pages;
    private final ConsentApi consent;
    private final People people;
    private final Session session;

    HistoryPage(Template history, Pages pages, @RestClient ConsentApi consent, People people, Session session) {
        this.session = session;
        this.history = history;
        this.pages = pages;
        this.consent = consent;
        this.people = people;
    }

    @GET
    public Response get() {
        pages.askUnread();
        ConsentApi.Likeness likeness = pages.likeness().orElse(null);
        ConsentApi.Ledger ledger = likeness == null ? null : consent.ledger(likeness.id());
        List<Line> lines = ledger == null ? List.of()
                : ledger.entries().stream().map(this::line).collect(java.util.stream.Collectors.collectingAndThen(java.util.stream.Collectors.toList(), list -> { java.util.Collections.reverse(list); return list; }));
        return new Shown(pages.render(history, "history"), 200)
                .data("likeness", likeness)
                .data("ledger", ledger)
                .data("lines", lines)
                .ok();
    }

    @GET
    @Path("{likeness}/receipts/{grant}")
    @Produces(MediaType.APPLICATION_JSON)
    public Response receipt(@PathParam("likeness") UUID likeness, @PathParam("grant") UUID grant) {
        JsonNode receipt = consent.receipt(likeness, grant);
        return Response.ok(receipt).header(HttpHeaders.CONTENT_DISPOSITION,
                "attachment; filename=\"consent-receipt-" + grant + ".json\"").build();
    }

    private Line line(ConsentApi.LedgerEntry entry) {
        JsonNode data = entry.data();
        String subject = firstText(data, "granteeId", "personId", "creatorId", "followerId");
        String detail = firstText(data, "audience", "reason", "purposes", "forbiddenTags", "method");
        if ("audience.changed".equals(entry.type()) && detail != null) {
            detail = pages.text("audience." + detail);
        }
        String who = subject == null ? "" : people.name(subject);
        String what = detail == null ? "" : detail;
        // What the person did themselves reads "You …", a sentence of its own in each language.
        String sentence = session.id().equals(entry.actor()) && pages.has("ledger." + entry.type() + ".self")
                ? pages.text("ledger." + entry.type() + ".self", who, what)
                : pages.text("ledger." + entry.type(), actor(entry.actor()), who, what);
        String grant = firstText(data, "grantId");
        return new Line(entry.seq(), entry.occurredAt(), sentence, entry.hash(),
                "grant.created".equals(entry.type()) && grant != null ? UUID.fromString(grant) : null);
    }

    private String actor(String actor) {
        if (actor == null || "identity-service".equals(actor)) {
            return pages.text("ledger.actor.system");
        }
        if (actor.startsWith("platform:")) {
            return actor.substring("platform:".length());
        }
        return people.name(actor);
    }

    private static String firstText(JsonNode data, String... fields) {
        if (data == null) {
            return null;
        }
        for (String field : fields) {
            JsonNode value = data.get(field);
            if (value != null && !value.isNull()) {
                if (value.isArray()) {
                    List<String> items = new java.util.ArrayList<>();
                    value.forEach(item -> items.add(item.asText()));
                    return String.join(", ", items);
                }
                return value.asText();
            }
        }
        return null;
    }
}
