package dev.likeness.kit.paging;

import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.util.Base64;
import java.util.List;
import java.util.UUID;

import dev.likeness.kit.http.Problem;
import dev.likeness.kit.http.ProblemException;

/**
 * Where a newest-first page ends: the last item's time and key (usually its id; another unique
 * column where the list has no id of its own), opaque to clients.
 */
public record PageCursor(OffsetDateTime createdAt, String key) {

    public PageCursor(OffsetDateTime createdAt, UUID id) {
        this(createdAt, id.toString());
    }

    /** The key of a list keyed by UUID; another list's cursor is refused like a forged one. */
    public UUID id() {
        try {
            return UUID.fromString(key);
        } catch (IllegalArgumentException e) {
            throw invalid();
        }
    }

    public String encode() {
        return Base64.getUrlEncoder().withoutPadding()
                .encodeToString((createdAt + "|" + key).getBytes(StandardCharsets.UTF_8));
    }

    public static PageCursor decode(String cursor) {
        if (cursor == null || cursor.isEmpty()) {
            return null;
        }
        try {
            String[] parts = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8).split("\\|", 2);
            OffsetDateTime createdAt = OffsetDateTime.parse(parts[0]);
            if (createdAt.getYear() < 1 || createdAt.getYear() > 9999) { // forged: PostgreSQL would fail on it (a 500)
                throw invalid();
            }
            return new PageCursor(createdAt, parts[1]);
        } catch (RuntimeException e) {
            throw invalid();
        }
    }

    private static ProblemException invalid() {
        return new ProblemException(400, "validation-failed", "Request validation failed", "cursor: not a cursor this service gave",
                List.of(new Problem.FieldError("cursor", "not a cursor this service gave")));
    }
}
