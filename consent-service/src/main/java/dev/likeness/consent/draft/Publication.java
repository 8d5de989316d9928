package dev.likeness.consent.draft;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

@Schema(name = "Publication")
public record Publication(
        @NotBlank @Size(max = 8192) @Schema(description = "The consent token of an allowed check for purpose publish, "
                + "made for the draft's creator and likenesses") String consentToken) {
}
