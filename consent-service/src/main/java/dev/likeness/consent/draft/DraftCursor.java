package dev.likeness.consent.draft;

import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.util.Base64;
import java.util.UUID;

import dev.likeness.consent.common.Problem;
import dev.likeness.consent.common.ProblemException;

/** Where a newest-first page of drafts ends: the last draft's time and id, opaque to clients. */
record DraftCursor(OffsetDateTime createdAt, UUID draftId) {

    String encode() {
        return Base64.getUrlEncoder().withoutPadding()
                .encodeToString((createdAt + "|" + draftId).getBytes(StandardCharsets.UTF_8));
    }

    static DraftCursor decode(String cursor) {
        if (cursor == null || cursor.isEmpty()) {
            return null;
        }
        try {
            String[] parts = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8).split("\\|", 2);
            return new DraftCursor(OffsetDateTime.parse(parts[0]), UUID.fromString(parts[1]));
        } catch (RuntimeException e) {
            throw new ProblemException(400, "validation-failed", "Request validation failed", "cursor: not a cursor this service gave",
                    java.util.List.of(new Problem.FieldError("cursor", "not a cursor this service gave")));
        }
    }
}
