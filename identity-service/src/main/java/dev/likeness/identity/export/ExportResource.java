package dev.likeness.identity.export;


import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.jwt.JsonWebToken;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import dev.likeness.identity.enrolment.EnrolmentExport;
import dev.likeness.identity.enrolment.EnrolmentService;
import dev.likeness.identity.export.ExportRecord.Section;
import dev.likeness.identity.likeness.LikenessExport;
import dev.likeness.identity.likeness.LikenessService;
import dev.likeness.kit.export.Exports;
import dev.likeness.kit.http.Roles;
import io.smallrye.mutiny.Multi;

/** A person's copy of everything identity-service holds about them (GDPR Art. 15 and 20). */
@Path("/v1/me/export")
@Tag(name = "Your data")
public class ExportResource {

    @Inject Exports exports;
    @Inject LikenessService likenesses;
    @Inject EnrolmentService enrolments;
    @Inject JsonWebToken caller;

    @GET
    @RolesAllowed(Roles.USER)
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(operationId = "exportMyData", summary = "Everything this service holds about the caller, as a JSON array of records",
            description = "Streamed a page at a time: the first record is about, then every likeness of the caller, deleted ones "
                    + "too, with its reference image (and a retained capture) decrypted while the likeness exists, then every "
                    + "enrolment with its checks, the digest of its capture and its failed captures. Not a snapshot: each page is "
                    + "read when the client is ready for it. A document cut short (no closing bracket) failed and is to be asked "
                    + "for again.")
    @APIResponse(responseCode = "200", description = "The records, streamed as one JSON array: about first, then likeness and enrolment records",
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(type = SchemaType.ARRAY, implementation = ExportRecord.class)))
    @APIResponse(responseCode = "409", description = "An export of yours is still being sent (export-running)")
    public Multi<ExportRecord> export() {
        String me = caller.getSubject();
        return exports.stream(me, about -> new ExportRecord(Section.ABOUT, about), Multi.createBy().concatenating().streams(
                Exports.paged(after -> likenesses.exportPage(me, after), LikenessExport::position)
                        .map(likeness -> new ExportRecord(Section.LIKENESS, likeness)),
                Exports.paged(after -> enrolments.exportPage(me, after), EnrolmentExport::position)
                        .map(enrolment -> new ExportRecord(Section.ENROLMENT, enrolment))));
    }
}
