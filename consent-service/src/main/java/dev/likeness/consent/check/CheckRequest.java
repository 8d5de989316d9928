package dev.likeness.consent.check;

import java.util.List;
import java.util.UUID;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import dev.likeness.consent.grant.Purpose;

@Schema(name = "CheckRequest", description = "May the requester feature these likenesses, together, for this purpose?")
public record CheckRequest(
        @NotBlank @Size(max = 255) @Schema(description = "The person who wants to render (Keycloak subject)") String requesterId,
        @NotEmpty @Size(max = 16) @Schema(description = "Every likeness in the scene; all must allow")
        List<@NotNull UUID> likenessIds,
        @NotNull Purpose purpose,
        @Size(max = 32) @Schema(description = "What the video depicts, e.g. political; checked against owners' restrictions")
        List<@NotBlank @Size(max = 64) String> contentTags,
        @Size(max = 32) @Schema(description = "People named in the prompt; checked against the protected-persons registry")
        List<@NotBlank @Size(max = 200) String> mentionedNames) {
}
