package dev.likeness.consent.check;

import java.util.List;
import java.util.UUID;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.jwt.JsonWebToken;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import dev.likeness.consent.common.PersonIds;
import dev.likeness.consent.likeness.ContentTag;
import dev.likeness.consent.purpose.Purpose;
import dev.likeness.kit.http.Codes;
import dev.likeness.kit.http.Roles;
import io.smallrye.mutiny.Uni;

/**
 * The owner's answer to "why may this person not feature me?": a platform's check is told only
 * not-permitted, the owner the precise reason. The decision is addressed by the person it is
 * for, as a block is; every query parameter is optional, so the bare path is a valid request.
 */
@Path("/v1/likenesses/{likenessId}/decisions/{requesterId}")
@RolesAllowed(Roles.USER)
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Consent checks")
public class DecisionPreviewResource {

    @Inject CheckService checks;
    @Inject JsonWebToken caller;

    @GET
    @Operation(operationId = "previewDecision", summary = "What a check for this person would decide now, and precisely why",
            description = """
                    The owner's likeness only (another's is 404). Decided as POST /v1/checks decides, for this likeness \
                    alone; nothing is issued or consumed. platformId names the platform whose follows count for \
                    MUTUALS (without it, none do).""")
    public Uni<DecisionPreview> preview(
            @PathParam("likenessId") UUID likenessId,
            @PathParam("requesterId") @Size(max = 255) @Pattern(regexp = PersonIds.PATTERN, message = PersonIds.MESSAGE)
            String requesterId,
            @QueryParam("purpose") @DefaultValue("draft") @Parameter(schema = @Schema(implementation = Purpose.class))
            String purpose,
            @QueryParam("contentTags") @Size(max = 32)
            @Parameter(description = "Repeated, e.g. contentTags=political&contentTags=violence",
                    schema = @Schema(type = SchemaType.ARRAY, implementation = ContentTag.class))
            List<String> contentTags,
            @QueryParam("platformId") @Size(max = 255)
            @Pattern(regexp = PersonIds.PATTERN, message = "must be a client id: letters, digits and . _ @ : -") String platformId) {
        ConsentDecider.Ask ask = new ConsentDecider.Ask(requesterId, code(Purpose.class, "purpose", purpose),
                CheckService.tagSet(contentTags.stream().map(tag -> code(ContentTag.class, "contentTags", tag)).toList()));
        return checks.preview(likenessId, caller.getSubject(), platformId, ask);
    }

    private static <E extends Enum<E>> E code(Class<E> type, String field, String code) {
        try {
            return Codes.parse(type, code);
        } catch (IllegalArgumentException e) {
            throw CheckService.invalid(field, "expected " + e.getMessage());
        }
    }
}
