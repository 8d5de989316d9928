package dev.likeness.consent.likeness;

import jakarta.validation.constraints.NotNull;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

@Schema(name = "AudienceChange")
public record AudienceChange(@NotNull @Schema(example = "APPROVED") Audience audience) {
}
