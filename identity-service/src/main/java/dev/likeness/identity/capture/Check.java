package dev.likeness.identity.capture;

import java.util.Locale;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** One verification check: what was measured and what was required. */
@Schema(name = "Check")
public record Check(
        @Schema(example = "duration") String name,
        boolean passed,
        @Schema(example = "3.20 s") String measured,
        @Schema(example = "2–10 s") String required) {

    /** A length as every check writes it. */
    public static String seconds(double seconds) {
        return String.format(Locale.ROOT, "%.2f s", seconds);
    }
}
