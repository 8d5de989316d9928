package dev.likeness.consent.purpose;

import java.util.Arrays;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/** What a featured likeness is used for. */
public enum Purpose {
    /** Render drafts that the creator keeps private. */
    DRAFT("draft"),
    /** Publish a video to an audience. */
    PUBLISH("publish"),
    /** Remix someone else's video featuring the likeness. */
    REMIX("remix");

    private final String value;

    Purpose(String value) {
        this.value = value;
    }

    @JsonValue
    public String value() {
        return value;
    }

    @JsonCreator
    public static Purpose of(String value) {
        return Arrays.stream(values()).filter(p -> p.value.equals(value)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("one of draft, publish, remix"));
    }

    @Override
    public String toString() {
        return value;
    }
}
