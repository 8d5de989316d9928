package dev.likeness.consent.likeness;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import com.fasterxml.jackson.annotation.JsonRawValue;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import dev.likeness.consent.ledger.Ledger;
import dev.likeness.consent.ledger.LedgerEntry;

@Schema(name = "Ledger", description = "Every consent-relevant change of a likeness, oldest first, and whether the chain verifies")
public record LedgerView(UUID likenessId, List<Entry> entries, Ledger.Verification verification) {

    @Schema(name = "LedgerEntry")
    public record Entry(long seq, String type, Instant occurredAt, String actor,
                        @JsonRawValue @Schema(type = org.eclipse.microprofile.openapi.annotations.enums.SchemaType.OBJECT) String data,
                        String prevHash,
                        @Schema(description = "SHA-256 (hex) of the entry's fields, each length-prefixed, and prevHash") String hash) {

        static Entry of(LedgerEntry entry) {
            return new Entry(entry.seq, entry.type, entry.occurredAt, entry.actor, entry.data, entry.prevHash, entry.hash);
        }
    }

    static LedgerView of(UUID likenessId, List<LedgerEntry> entries, Ledger.Verification verification) {
        return new LedgerView(likenessId, entries.stream().map(Entry::of).toList(), verification);
    }
}
