package dev.likeness.notification.inbox;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.UUID;

import dev.likeness.notification.common.Problem;
import dev.likeness.notification.common.ProblemException;

/** An opaque position in an inbox: the time and id of the last notification of a page. */
public record InboxCursor(OffsetDateTime createdAt, UUID id) {

    static InboxCursor after(Notification last) {
        return new InboxCursor(last.createdAt, last.id);
    }

    String encode() {
        long micros = ChronoUnit.MICROS.between(Instant.EPOCH, createdAt.toInstant());
        return Base64.getUrlEncoder().withoutPadding().encodeToString((micros + ":" + id).getBytes(StandardCharsets.UTF_8));
    }

    static InboxCursor decode(String cursor) {
        try {
            String[] parts = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8).split(":", 2);
            Instant time = Instant.EPOCH.plus(Long.parseLong(parts[0]), ChronoUnit.MICROS);
            return new InboxCursor(OffsetDateTime.ofInstant(time, ZoneOffset.UTC), UUID.fromString(parts[1]));
        } catch (RuntimeException e) {
            throw new ProblemException(400, "validation-failed", "Request validation failed", "cursor: not a cursor of this inbox",
                    java.util.List.of(new Problem.FieldError("cursor", "not a cursor of this inbox")));
        }
    }
}
