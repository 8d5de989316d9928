package dev.likeness.kit.export;

import java.time.OffsetDateTime;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** The first record of every export: which service answered, for whom, and when. */
@Schema(description = "Which service's export this is, whose, and when it was made")
public record ExportAbout(String service, @Schema(description = "The person's Keycloak subject") String subjectId,
                          OffsetDateTime exportedAt) {
}
