package dev.likeness.consent.likeness;

import com.fasterxml.jackson.annotation.JsonValue;

import dev.likeness.kit.http.Codes;

/**
 * What a video depicts, as the platform declares it in a check. An owner forbids some; a check
 * declaring a forbidden one is denied for that likeness.
 */
public enum ContentTag {
    /** Campaigning, elections, political statements. */
    POLITICAL,
    /** Sexual or suggestive content. */
    SEXUAL,
    /** Nudity, also non-sexual. */
    NUDITY,
    /** Violence, weapons, injury. */
    VIOLENCE,
    /** Advertising, sponsorship, endorsing a product, person or cause. */
    ENDORSEMENT,
    /** Children appear in the scene. */
    MINORS_NEARBY,
    /** Religious practice or statements. */
    RELIGIOUS,
    /** Medical advice, illness, treatment. */
    MEDICAL,
    /** Alcohol, tobacco or drugs. */
    SUBSTANCES,
    /** Ridicule, humiliation, parody of the person. */
    MOCKERY;

    @JsonValue
    public String code() {
        return Codes.of(this);
    }
}
