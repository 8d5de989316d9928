package dev.likeness.identity.keycloak;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import dev.likeness.identity.likeness.Likeness;

/**
 * What a person's tokens should say about their likeness: the Keycloak attributes
 * {@code likeness_status} and {@code likeness_id}, which the realm maps into their tokens.
 */
record LikenessClaim(String ownerId, UUID likenessId, Likeness.Status status) {

    static final String STATUS_ATTRIBUTE = "likeness_status";
    static final String LIKENESS_ATTRIBUTE = "likeness_id";

    /** The user's attributes saying this claim; the others stay as they are. */
    Map<String, List<String>> appliedTo(Map<String, List<String>> attributes) {
        Map<String, List<String>> applied = new HashMap<>(attributes);
        applied.put(STATUS_ATTRIBUTE, List.of(status.name()));
        if (status == Likeness.Status.DELETED) {
            // The person keeps the status DELETED (a token says they had one) but no likeness id.
            applied.remove(LIKENESS_ATTRIBUTE);
        } else {
            applied.put(LIKENESS_ATTRIBUTE, List.of(likenessId.toString()));
        }
        return applied;
    }
}
