package dev.likeness.consent.check;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.PositiveOrZero;
import jakarta.validation.constraints.Size;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import dev.likeness.consent.common.PersonIds;
import dev.likeness.consent.likeness.ContentTag;
import dev.likeness.consent.purpose.Purpose;

@Schema(name = "CheckRequest", description = "May the requester feature these likenesses, together, for this purpose and content?")
public record CheckRequest(
        @NotBlank @Size(max = 255) @Pattern(regexp = PersonIds.PATTERN, message = PersonIds.MESSAGE)
        @Schema(description = "The person who wants to render (Keycloak subject)") String requesterId,
        @NotBlank @Size(max = 8192)
        @Schema(description = """
                Proof of the requester: their access token for this API issued to this platform's client (sub = \
                requesterId, azp = this platform), from the platform's sign-in or an RFC 8693 token exchange. \
                A token that does not prove it denies every likeness with requester-unproven.""")
        String requesterToken,
        @NotEmpty @Size(max = 16) @Schema(description = "Every likeness in the scene; all must allow")
        List<@NotNull UUID> likenessIds,
        @NotNull Purpose purpose,
        @Size(max = 32) @Schema(description = "What the video depicts; a tag an owner forbids denies their likeness")
        List<@NotNull ContentTag> contentTags,
        @Size(max = 32) @Schema(description = "People named in the prompt; a protected person denies the check unless their own consenting likeness is in the scene")
        List<@NotBlank @Size(max = 200) String> mentionedNames,
        @Size(max = 16) @Schema(description = "Per likeness id, a revision the answer must not predate (e.g. one an earlier answer or event named)")
        Map<@NotNull UUID, @NotNull @PositiveOrZero Long> atLeastRevision) {

    public List<ContentTag> tags() {
        return contentTags == null ? List.of() : contentTags;
    }

    public List<String> mentions() {
        return mentionedNames == null ? List.of() : mentionedNames;
    }

    public Map<UUID, Long> minimumRevisions() {
        return atLeastRevision == null ? Map.of() : atLeastRevision;
    }
}
