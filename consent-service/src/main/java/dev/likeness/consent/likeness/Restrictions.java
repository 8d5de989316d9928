package dev.likeness.consent.likeness;

import java.util.Set;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

@Schema(name = "Restrictions", description = "What the owner forbids, and what the renderer must follow")
public record Restrictions(
        @NotNull @Schema(description = "Content tags a check may not declare", example = "[\"political\", \"endorsement\"]")
        Set<@NotNull ContentTag> forbiddenTags,
        @Size(max = 2000) @Schema(description = "Free text returned to the renderer with every allowed check",
                example = "No glasses; keep my accent.") String guidelines) {
}
