package dev.likeness.identity.capture;

import java.util.Locale;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import com.fasterxml.jackson.annotation.JsonInclude;

/** One verification check: what was measured, what was required, and on a failure what to do about it. */
@Schema(name = "Check")
public record Check(
        @Schema(example = "duration") String name,
        boolean passed,
        @Schema(example = "3.20 s") String measured,
        @Schema(example = "2–10 s") String required,
        @Schema(description = "On a failed check, what went wrong in terms the person can act on when recording again",
                example = "too-quiet")
        @JsonInclude(JsonInclude.Include.NON_NULL) Hint hint) {

    public Check(String name, boolean passed, String measured, String required) {
        this(name, passed, measured, required, null);
    }

    /** This check with {@code hint} if it failed; a passed check has none. */
    public Check hinting(Hint failure) {
        return passed ? this : new Check(name, false, measured, required, failure);
    }

    /** A length as every check writes it. */
    public static String seconds(double seconds) {
        return String.format(Locale.ROOT, "%.2f s", seconds);
    }
}
