package dev.likeness.consent.check;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

import com.fasterxml.jackson.annotation.JsonInclude;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

@Schema(name = "CheckResponse")
@JsonInclude(JsonInclude.Include.NON_NULL)
public record CheckResponse(
        @Schema(description = "Also the consent token's jti") UUID checkId,
        @Schema(description = "True only if every likeness allows and no mentioned name is protected") boolean allowed,
        @Schema(description = "One per likeness, in request order") List<PublicDecision> decisions,
        @Schema(description = "Mentioned names that matched a protected person, each with whether it denies") List<Mention> mentions,
        @Schema(description = "When allowed: rules from the owners the renderer must follow (a denial has none: they are "
                + "written for the renderers the owners admit)") List<String> guidelines,
        @Schema(description = "When allowed: the signed consent token to present when registering the draft")
        String consentToken,
        OffsetDateTime expiresAt) {

    /** The answer to a check whose requester is not proven: every likeness denied, nothing read. */
    static CheckResponse unproven(CheckRequest request) {
        return new CheckResponse(UUID.randomUUID(), false, request.likenessIds().stream().map(PublicDecision::unproven).toList(),
                List.of(), null, null, null);
    }

    @Schema(name = "Mention")
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Mention(@Schema(description = "As the check named it") String name, boolean allowed,
                          @Schema(description = "protected-person when it denies") String reason) {
    }
}
