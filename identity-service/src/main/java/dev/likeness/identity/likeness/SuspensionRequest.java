package dev.likeness.identity.likeness;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

@Schema(name = "SuspensionRequest")
public record SuspensionRequest(
        @NotBlank @Size(max = 500) @Schema(description = "Why, as shown to the owner", example = "Reported as an impersonation")
        String reason) {
}
