package dev.likeness.identity.export;

import com.fasterxml.jackson.annotation.JsonValue;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import dev.likeness.identity.enrolment.EnrolmentExport;
import dev.likeness.identity.likeness.LikenessExport;
import dev.likeness.kit.export.ExportAbout;
import dev.likeness.kit.http.Codes;

/** One record of a person's export: what it is, and the item itself (the schema its section names). */
@Schema(name = "ExportRecord")
public record ExportRecord(Section section,
                           @Schema(oneOf = {ExportAbout.class, LikenessExport.class, EnrolmentExport.class}) Object item) {

    @Schema(name = "ExportSection")
    public enum Section {
        /** {@code ExportAbout}: which service, whose, when; always the first record. */
        ABOUT,
        /** {@code LikenessExport}: each of the caller's likenesses, deleted ones too, with its biometric data decrypted. */
        LIKENESS,
        /** {@code EnrolmentExport}: each of the caller's enrolments, with its checks, capture digest and failed captures. */
        ENROLMENT;

        @JsonValue
        public String code() {
            return Codes.of(this);
        }
    }
}
