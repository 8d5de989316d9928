package dev.likeness.consent.common;

import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.util.Base64;
import java.util.List;
import java.util.UUID;

import dev.likeness.kit.http.Problem;
import dev.likeness.kit.http.ProblemException;

/** Where a newest-first page ends: the last item's time and id, opaque to clients (drafts, grants held). */
public record PageCursor(OffsetDateTime createdAt, UUID id) {

    public String encode() {
        return Base64.getUrlEncoder().withoutPadding()
                .encodeToString((createdAt + "|" + id).getBytes(StandardCharsets.UTF_8));
    }

    public static PageCursor decode(String cursor) {
        if (cursor == null || cursor.isEmpty()) {
            return null;
        }
        try {
            String[] parts = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8).split("\\|", 2);
            return new PageCursor(OffsetDateTime.parse(parts[0]), UUID.fromString(parts[1]));
        } catch (RuntimeException e) {
            throw new ProblemException(400, "validation-failed", "Request validation failed", "cursor: not a cursor this service gave",
                    List.of(new Problem.FieldError("cursor", "not a cursor this service gave")));
        }
    }
}
