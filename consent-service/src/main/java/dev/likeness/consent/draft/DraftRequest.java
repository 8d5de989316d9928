package dev.likeness.consent.draft;

import java.util.List;
import java.util.UUID;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import dev.likeness.consent.common.PersonIds;

@Schema(name = "DraftRequest")
public record DraftRequest(
        @NotBlank @Size(max = 200) @Pattern(regexp = "[\\x21-\\x7E]+", message = "must be printable ASCII without spaces")
        @Schema(description = "The platform's id of the draft; registering it again returns the same draft")
        String draftId,
        @NotBlank @Size(max = 255) @Pattern(regexp = PersonIds.PATTERN, message = PersonIds.MESSAGE)
        @Schema(description = "Who made the draft: the requester of the check") String creatorId,
        @NotBlank @Size(max = 8192)
        @Schema(description = "Proof of the creator, as requesterToken of a check: their access token issued to this platform's client")
        String creatorToken,
        @NotEmpty @Size(max = 16) @Schema(description = "Every likeness the draft features: those of the check")
        List<@NotNull UUID> likenessIds,
        @NotBlank @Size(max = 8192) @Schema(description = "The consent token of an allowed check") String consentToken) {
}
