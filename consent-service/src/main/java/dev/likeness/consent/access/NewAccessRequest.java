package dev.likeness.consent.access;

import java.util.Set;
import java.util.UUID;

import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import dev.likeness.consent.purpose.Purpose;

@Schema(name = "NewAccessRequest")
public record NewAccessRequest(@NotNull UUID likenessId,
                               @NotEmpty @Schema(example = "[\"draft\"]") Set<@NotNull Purpose> purposes,
                               @Size(max = 500) @Schema(description = "A note to the owner") String message) {
}
