package dev.likeness.consent.export;

import java.util.UUID;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonValue;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import dev.likeness.consent.access.AccessRequestView;
import dev.likeness.consent.draft.DraftView;
import dev.likeness.consent.follow.FollowView;
import dev.likeness.consent.grant.GrantView;
import dev.likeness.consent.grant.Receipt;
import dev.likeness.consent.likeness.BlockView;
import dev.likeness.consent.likeness.LedgerView;
import dev.likeness.consent.likeness.LikenessView;
import dev.likeness.consent.protect.ProtectedPersonView;
import dev.likeness.kit.export.ExportAbout;
import dev.likeness.kit.http.Codes;

/** One record of a person's export: what it is, the likeness it belongs to, and the item (the schema its section names). */
@Schema(name = "ExportRecord")
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ExportRecord(
        Section section,
        @Schema(description = "The caller's likeness the item belongs to, for the lists kept per likeness") UUID likenessId,
        @Schema(oneOf = {ExportAbout.class, LikenessView.class, GrantView.class, Receipt.class, AccessRequestView.class,
                BlockView.class, FollowView.class, DraftView.class, LedgerView.Entry.class, ProtectedPersonView.class})
        Object item) {

    @Schema(name = "ExportSection")
    public enum Section {
        /** {@code ExportAbout}: which service, whose, when. */
        ABOUT,
        /** {@code Likeness}: each of the caller's likenesses, deleted ones too. */
        LIKENESS,
        /** {@code Grant}: a grant on the caller's likeness, in force or past. */
        GRANT_GIVEN,
        /** {@code ConsentReceipt}: the receipt of that grant (ISO/IEC TS 27560). */
        RECEIPT,
        /** {@code Grant}: a grant the caller holds or held on someone else's likeness. */
        GRANT_HELD,
        /** {@code AccessRequest}: a request the caller sent. */
        ACCESS_REQUEST_SENT,
        /** {@code AccessRequest}: a request to feature the caller's likeness. */
        ACCESS_REQUEST_RECEIVED,
        /** {@code Block}: a person the caller blocked. */
        BLOCK,
        /** {@code Follow}: a follow a platform reported, by or of the caller. */
        FOLLOW,
        /** {@code Draft}: a draft featuring the caller's likeness. */
        DRAFT_FEATURING_ME,
        /** {@code Draft}: a draft the caller made. */
        DRAFT_CREATED,
        /** {@code LedgerEntry}: an entry of the caller's likeness' ledger, newest first, with its hashes. */
        LEDGER_ENTRY,
        /** {@code ProtectedPerson}: trust and safety's registry entry naming the caller as its subject. */
        PROTECTED_PERSON;

        @JsonValue
        public String code() {
            return Codes.of(this);
        }
    }

    static ExportRecord of(Section section, Object item) {
        return new ExportRecord(section, null, item);
    }

    static ExportRecord of(Section section, UUID likenessId, Object item) {
        return new ExportRecord(section, likenessId, item);
    }
}
