package dev.likeness.consent.likeness;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonRawValue;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import dev.likeness.consent.ledger.Ledger;
import dev.likeness.consent.ledger.LedgerEntry;

@Schema(name = "Ledger", description = "A page of the consent-relevant changes of a likeness, in order, and whether it verifies")
@JsonInclude(JsonInclude.Include.NON_NULL)
public record LedgerView(UUID likenessId, List<Entry> entries, Ledger.Verification verification,
                         @Schema(description = "Pass as before for the older entries; absent on the oldest page") Long nextBefore) {

    @Schema(name = "LedgerEntry")
    public record Entry(long seq, String type, Instant occurredAt, String actor,
                        @JsonRawValue @Schema(type = org.eclipse.microprofile.openapi.annotations.enums.SchemaType.OBJECT) String data,
                        String prevHash,
                        @Schema(description = "SHA-256 (hex) of the entry's fields, each length-prefixed, and prevHash") String hash) {

        public static Entry of(LedgerEntry entry) {
            return new Entry(entry.seq, entry.type, entry.occurredAt, entry.actor, entry.data, entry.prevHash, entry.hash);
        }
    }

    static LedgerView of(UUID likenessId, Ledger.Page page, Ledger.Verification verification) {
        Long nextBefore = page.below() == null ? null : page.below().seq + 1;
        return new LedgerView(likenessId, page.entries().stream().map(Entry::of).toList(), verification, nextBefore);
    }
}
