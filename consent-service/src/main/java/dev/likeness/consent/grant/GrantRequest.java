package dev.likeness.consent.grant;

import java.time.OffsetDateTime;
import java.util.Set;

import jakarta.validation.constraints.Future;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.Size;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import dev.likeness.consent.common.PersonIds;
import dev.likeness.consent.purpose.Purpose;

@Schema(name = "GrantRequest")
public record GrantRequest(
        @NotBlank @Size(max = 255) @Pattern(regexp = PersonIds.PATTERN, message = PersonIds.MESSAGE)
        @Schema(description = "The person allowed (their Keycloak subject, as GET /v1/me shows it)")
        String granteeId,
        @NotEmpty @Schema(description = "What they may use the likeness for", example = "[\"draft\"]")
        Set<@NotNull Purpose> purposes,
        @Future @Schema(description = "Optional end of the grant") OffsetDateTime expiresAt,
        @Positive @Schema(description = "Optional number of drafts it allows") Integer maxUses) {
}
