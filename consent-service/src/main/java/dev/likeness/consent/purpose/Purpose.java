package dev.likeness.consent.purpose;

import com.fasterxml.jackson.annotation.JsonValue;

import dev.likeness.kit.http.Codes;

/** What a featured likeness is used for. */
public enum Purpose {
    /** Render drafts that the creator keeps private. */
    DRAFT,
    /** Publish a video to an audience. */
    PUBLISH,
    /** Remix someone else's video featuring the likeness. */
    REMIX;

    @JsonValue
    public String code() {
        return Codes.of(this);
    }

    @Override
    public String toString() {
        return code();
    }
}
