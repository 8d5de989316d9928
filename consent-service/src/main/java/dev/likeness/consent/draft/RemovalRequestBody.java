package dev.likeness.consent.draft;

import jakarta.validation.constraints.Size;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

@Schema(name = "RemovalRequestBody")
public record RemovalRequestBody(@Size(max = 500) @Schema(description = "Told to the platform") String reason) {
}
