package dev.likeness.consent.grant;

import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.util.Base64;
import java.util.List;
import java.util.UUID;

import dev.likeness.consent.common.Problem;
import dev.likeness.consent.common.ProblemException;

/** Where a newest-first page of grants ends: the last grant's time and id, opaque to clients (as drafts' cursors). */
record GrantCursor(OffsetDateTime createdAt, UUID grantId) {

    String encode() {
        return Base64.getUrlEncoder().withoutPadding()
                .encodeToString((createdAt + "|" + grantId).getBytes(StandardCharsets.UTF_8));
    }

    static GrantCursor decode(String cursor) {
        if (cursor == null || cursor.isEmpty()) {
            return null;
        }
        try {
            String[] parts = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8).split("\\|", 2);
            return new GrantCursor(OffsetDateTime.parse(parts[0]), UUID.fromString(parts[1]));
        } catch (RuntimeException e) {
            throw new ProblemException(400, "validation-failed", "Request validation failed", "cursor: not a cursor this service gave",
                    List.of(new Problem.FieldError("cursor", "not a cursor this service gave")));
        }
    }
}
