package dev.likeness.notification.stream;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.sse.OutboundSseEvent;
import jakarta.ws.rs.sse.Sse;

import org.eclipse.microprofile.jwt.JsonWebToken;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestStreamElementType;

import dev.likeness.kit.Failures;
import dev.likeness.kit.http.Problem;
import dev.likeness.kit.http.ProblemException;
import dev.likeness.kit.http.Roles;
import dev.likeness.notification.directory.DisplayNames;
import dev.likeness.notification.inbox.Notification;
import dev.likeness.notification.inbox.NotificationTexts;
import dev.likeness.notification.inbox.NotificationType;
import dev.likeness.notification.inbox.NotificationView;
import dev.likeness.notification.inbox.Recipient;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.subscription.MultiEmitter;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * The caller's notifications as they happen, as Server-Sent Events. Each event's id is the
 * notification's number in the caller's sequence: a client that reconnects with Last-Event-ID
 * gets everything after it, first from the database, then live, with nothing missed or repeated.
 * No thread is held per stream, nor while names are looked up. The stream ends when the bearer token expires; reconnect with a
 * fresh token and Last-Event-ID. A recipient holds at most {@code likeness.stream.max-per-recipient} streams per instance: a newer one closes the oldest.
 * A stream holds at most {@code likeness.stream.max-unsent} events its client has not taken, and reads
 * no further until the client takes them.
 */
@Path("/v1/notifications/stream")
@RolesAllowed({Roles.USER, Roles.PLATFORM})
@Tag(name = "Live stream")
public class StreamResource {

    private static final int BATCH = 100;

    @Inject LiveStreams streams;
    @Inject Pool database;
    @Inject NotificationTexts texts;
    @Inject DisplayNames names;
    @Inject Vertx vertx;
    @Inject JsonWebToken token;
    @Inject SecurityIdentity identity;
    @Inject Clock clock;
    @Inject StreamConfig config;

    @GET
    @Produces(MediaType.SERVER_SENT_EVENTS)
    @RestStreamElementType(MediaType.APPLICATION_JSON)
    @Operation(operationId = "streamNotifications", summary = "Live notifications (text/event-stream)",
            description = "Each event: id = the notification's number, data = the notification as JSON. "
                    + "Send Last-Event-ID to resume after an event. A comment line arrives every heartbeat interval. "
                    + "The stream closes when the token expires, or when the caller opens more than "
                    + "likeness.stream.max-per-recipient (10) streams: then the oldest closes.")
    public Multi<OutboundSseEvent> stream(@HeaderParam("Last-Event-ID") String lastEventId, @Context Sse sse,
                                          @Context HttpHeaders headers, @Context HttpServerResponse response) {
        Long resumeAfter = parse(lastEventId);
        Locale locale = texts.locale(headers.getAcceptableLanguages());
        Duration untilExpiry = Duration.between(clock.instant(), Instant.ofEpochSecond(token.getExpirationTime()));
        Stream stream = new Stream(Recipient.of(token, identity), locale, sse, response);
        return Multi.createFrom().<OutboundSseEvent>emitter(emitter -> stream.open(emitter, resumeAfter, untilExpiry))
                .onItem().invoke(stream::taken);
    }

    private static Long parse(String lastEventId) {
        if (lastEventId == null || lastEventId.isBlank()) {
            return null;
        }
        try {
            long seq = Long.parseLong(lastEventId.trim());
            if (seq >= 0) {
                return seq;
            }
        } catch (NumberFormatException e) {
            // answered below
        }
        throw new ProblemException(400, "validation-failed", "Request validation failed",
                "Last-Event-ID: not an event id of this stream",
                List.of(new Problem.FieldError("Last-Event-ID", "not an event id of this stream")));
    }

    /**
     * One open stream: reads after its last event whenever woken, one read at a time, and never
     * more than its client has room for. The server takes an event to write it only once the
     * previous one is in the connection's socket, so what it has not taken waits for the client.
     */
    private final class Stream {

        private final String recipient;
        private final Locale locale;
        private final Sse sse;
        private final HttpServerResponse response;
        private final int maxUnsent = config.maxUnsent();
        private final Runnable wake = this::pump;
        private MultiEmitter<? super OutboundSseEvent> emitter;
        private long last;
        private boolean reading;
        /** Something may follow {@code last}: woken while reading or full, or the last read filled its limit. */
        private boolean more;
        /** Events (and comments) sent that the server has not taken yet. */
        private int unsent;
        private boolean ended;

        Stream(String recipient, Locale locale, Sse sse, HttpServerResponse response) {
            this.recipient = recipient;
            this.locale = locale;
            this.sse = sse;
            this.response = response;
        }

        void open(MultiEmitter<? super OutboundSseEvent> emitter, Long resumeAfter, Duration untilExpiry) {
            this.emitter = emitter;
            streams.subscribe(recipient, wake, this::end);
            long beat = vertx.setPeriodic(config.heartbeat().toMillis(), ignored -> beat());
            long expiry = vertx.setTimer(Math.max(1, untilExpiry.toMillis()), ignored -> end());
            emitter.onTermination(() -> {
                streams.unsubscribe(recipient, wake);
                vertx.cancelTimer(beat);
                vertx.cancelTimer(expiry);
                synchronized (this) {
                    ended = true;
                    streams.unsent(-unsent);
                    unsent = 0;
                }
            });
            // Subscribed first: anything committed from here on wakes this stream.
            Uni<Long> start = resumeAfter != null ? Uni.createFrom().item(resumeAfter) : againWhenOverloaded(database
                    .preparedQuery("SELECT last_seq FROM recipient_sequence WHERE recipient_id = $1")
                    .execute(Tuple.of(recipient))
                    .map(rows -> rows.iterator().hasNext() ? rows.iterator().next().getLong(0) : 0L));
            start.subscribe().with(seq -> {
                synchronized (this) {
                    last = seq;
                }
                // Tells the client where the stream starts: every notification committed from now on reaches it.
                send(sse.newEventBuilder().comment("open").build());
                pump();
            }, emitter::fail);
        }

        void pump() {
            long after;
            int limit;
            synchronized (this) {
                // Reads again once half of what waits is taken: in batches, not a row per event taken.
                if (reading || unsent > maxUnsent / 2) {
                    more = true;
                    return;
                }
                reading = true;
                more = false;
                after = last;
                limit = Math.min(BATCH, maxUnsent - unsent);
            }
            againWhenOverloaded(database.preparedQuery("""
                            SELECT id, seq, type, actor_id, likeness_id, draft_id, grant_id, request_id, endpoint_id, purposes,
                                   detail, created_at, read_at, archived_at
                            FROM notification WHERE recipient_id = $1 AND in_stream AND seq > $2 ORDER BY seq LIMIT $3""")
                    .execute(Tuple.of(recipient, after, limit)))
                    .map(rows -> {
                        List<Notification> found = new ArrayList<>();
                        rows.forEach(row -> found.add(notification(row)));
                        return found;
                    })
                    .chain(found -> Uni.createFrom().completionStage(names.of(found.stream().map(n -> n.actorId).toList()))
                            .map(known -> render(found, known)))
                    .subscribe().with(events -> {
                        boolean again;
                        synchronized (this) {
                            events.forEach(this::send);
                            if (!events.isEmpty()) {
                                last = Long.parseLong(events.get(events.size() - 1).getId());
                            }
                            reading = false;
                            again = more || events.size() == limit;
                        }
                        if (again && !emitter.isCancelled()) {
                            pump();
                        }
                    }, failure -> {
                        synchronized (this) {
                            reading = false;
                        }
                        // The client reconnects with Last-Event-ID.
                        emitter.fail(failure);
                    });
        }

        /** Counted until the server takes it, which it does once the connection's socket has room. */
        private synchronized void send(OutboundSseEvent event) {
            if (ended) {
                return;
            }
            unsent++;
            streams.unsent(1);
            emitter.emit(event);
        }

        /** The server took an event to write: once half of what waited is taken, reads on. */
        void taken() {
            boolean resume;
            synchronized (this) {
                unsent--;
                streams.unsent(-1);
                resume = more && !reading && unsent <= maxUnsent / 2;
            }
            if (resume) {
                pump();
            }
        }

        /** Only on an idle connection: behind waiting events a heartbeat would only wait too. */
        private synchronized void beat() {
            if (unsent == 0) {
                send(sse.newEventBuilder().comment("heartbeat").build());
            }
        }

        /**
         * Ends the stream after its last event; while events wait for a client that may never take
         * them, closes the connection instead (the client resumes with Last-Event-ID).
         */
        void end() {
            synchronized (this) {
                if (unsent == 0) {
                    emitter.complete();
                    return;
                }
            }
            response.reset();
        }

        /**
         * A wake-up reaches every stream of a person at once, and opening many streams reads as
         * many positions: a read the pool refused because its wait queue was full is tried again
         * shortly, for as long as the stream is open, instead of ending it (its client would
         * only come back with one more read).
         */
        private <T> Uni<T> againWhenOverloaded(Uni<T> read) {
            return read.onFailure(failure -> Failures.isOverload(failure) && !emitter.isCancelled()).retry()
                    .withBackOff(Duration.ofMillis(50), Duration.ofSeconds(1)).withJitter(0.5).indefinitely();
        }

        private List<OutboundSseEvent> render(List<Notification> found, Map<String, String> known) {
            return found.stream().map(n -> sse.newEventBuilder()
                    .id(Long.toString(n.seq))
                    .data(NotificationView.class, NotificationView.of(n, texts.render(n, known.get(n.actorId), locale)))
                    .build()).toList();
        }

        private Notification notification(Row row) {
            Notification n = new Notification();
            n.id = row.getUUID("id");
            n.recipientId = recipient;
            n.seq = row.getLong("seq");
            n.type = NotificationType.valueOf(row.getString("type"));
            n.actorId = row.getString("actor_id");
            n.likenessId = row.getUUID("likeness_id");
            n.draftId = row.getUUID("draft_id");
            n.grantId = row.getUUID("grant_id");
            n.requestId = row.getUUID("request_id");
            n.endpointId = row.getUUID("endpoint_id");
            n.purposes = row.getString("purposes");
            n.detail = row.getString("detail");
            n.createdAt = row.getOffsetDateTime("created_at");
            n.readAt = row.getOffsetDateTime("read_at");
            n.archivedAt = row.getOffsetDateTime("archived_at");
            return n;
        }
    }
}
