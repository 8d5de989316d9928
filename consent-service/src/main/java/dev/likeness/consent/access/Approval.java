package dev.likeness.consent.access;

import java.time.OffsetDateTime;
import java.util.Set;

import jakarta.validation.constraints.Future;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.Size;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import dev.likeness.consent.purpose.Purpose;

@Schema(name = "Approval", description = "The grant an approval creates; every field optional")
public record Approval(@Size(min = 1) @Schema(description = "Default: the purposes asked for") Set<Purpose> purposes,
                       @Future OffsetDateTime expiresAt,
                       @Positive Integer maxUses) {
}
