package dev.likeness.consent.likeness;

import java.util.Arrays;
import java.util.stream.Collectors;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/**
 * What a video depicts, as the platform declares it in a check. An owner forbids some; a check
 * declaring a forbidden one is denied for that likeness.
 */
public enum ContentTag {
    /** Campaigning, elections, political statements. */
    POLITICAL("political"),
    /** Sexual or suggestive content. */
    SEXUAL("sexual"),
    /** Nudity, also non-sexual. */
    NUDITY("nudity"),
    /** Violence, weapons, injury. */
    VIOLENCE("violence"),
    /** Advertising, sponsorship, endorsing a product, person or cause. */
    ENDORSEMENT("endorsement"),
    /** Children appear in the scene. */
    MINORS_NEARBY("minors-nearby"),
    /** Religious practice or statements. */
    RELIGIOUS("religious"),
    /** Medical advice, illness, treatment. */
    MEDICAL("medical"),
    /** Alcohol, tobacco or drugs. */
    SUBSTANCES("substances"),
    /** Ridicule, humiliation, parody of the person. */
    MOCKERY("mockery");

    public static final String CODES = Arrays.stream(values()).map(ContentTag::code).collect(Collectors.joining(", "));

    private final String code;

    ContentTag(String code) {
        this.code = code;
    }

    @JsonValue
    public String code() {
        return code;
    }

    @JsonCreator
    public static ContentTag of(String code) {
        return Arrays.stream(values()).filter(tag -> tag.code.equals(code)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("one of " + CODES));
    }
}
