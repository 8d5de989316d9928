package dev.likeness.notification.inbox;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;

import dev.likeness.kit.http.Problem;
import dev.likeness.kit.http.ProblemException;

/** An opaque position in an inbox: the number of the last notification of a page. */
public record InboxCursor(long seq) {

    private static final String PREFIX = "seq:";

    String encode() {
        return Base64.getUrlEncoder().withoutPadding().encodeToString((PREFIX + seq).getBytes(StandardCharsets.UTF_8));
    }

    static InboxCursor decode(String cursor) {
        try {
            String plain = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8);
            if (plain.startsWith(PREFIX)) {
                return new InboxCursor(Long.parseLong(plain.substring(PREFIX.length())));
            }
        } catch (RuntimeException e) {
            // answered below
        }
        throw new ProblemException(400, "validation-failed", "Request validation failed", "cursor: not a cursor of this inbox",
                List.of(new Problem.FieldError("cursor", "not a cursor of this inbox")));
    }
}
