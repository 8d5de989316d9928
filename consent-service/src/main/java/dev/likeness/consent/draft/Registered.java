package dev.likeness.consent.draft;

import java.util.List;

/** A draft with the likenesses it features; {@code created} when this request registered it. */
public record Registered(Draft draft, List<DraftLikeness> featured, boolean created) {
}
