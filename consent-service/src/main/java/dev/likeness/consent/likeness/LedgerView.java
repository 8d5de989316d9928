package dev.likeness.consent.likeness;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonRawValue;

import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import dev.likeness.consent.ledger.Ledger;
import dev.likeness.consent.ledger.LedgerEntry;

@Schema(name = "Ledger", description = "A page of the consent-relevant changes of a likeness, in order, and whether it verifies")
@JsonInclude(JsonInclude.Include.NON_NULL)
public record LedgerView(UUID likenessId, List<Entry> entries, Ledger.Verification verification,
                         @Schema(description = "Pass as before for the older entries; absent on the oldest page") Long nextBefore) {

    @Schema(name = "LedgerEntry")
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Entry(long seq, String type, Instant occurredAt,
                        @Schema(description = "Who made the change: a person's id (\"erased\" once they are), platform:<client id> "
                                + "or identity-service") String actor,
                        @JsonRawValue @Schema(type = SchemaType.OBJECT, description = "The change's details, people by id "
                                + "(\"erased\" once they are); absent when the likeness' owner was erased, which destroyed the key "
                                + "they were sealed under") String data,
                        String prevHash,
                        @Schema(description = "SHA-256 (hex) of the stored fields, each length-prefixed, and prevHash") String hash,
                        Stored stored) {

        public static Entry of(Ledger.Readable readable) {
            LedgerEntry entry = readable.entry();
            return new Entry(entry.seq, entry.type, entry.occurredAt, readable.actor(), readable.data(), entry.prevHash, entry.hash,
                    new Stored(entry.format, entry.actor, entry.data, entry.sealedBy));
        }
    }

    @Schema(name = "LedgerEntryStored", description = "The entry's fields as stored and hashed: people as pseudonyms "
            + "(person:<uuid>), the data sealed under the owner's key (AES-256-GCM, base64) when sealedBy is present; "
            + "format 1 entries (written before sealing) hold both in clear")
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Stored(short format, String actor, String data, UUID sealedBy) {
    }

    static LedgerView of(UUID likenessId, Ledger.Page page, List<Ledger.Readable> entries, Ledger.Verification verification) {
        Long nextBefore = page.below() == null ? null : page.below().seq + 1;
        return new LedgerView(likenessId, entries.stream().map(Entry::of).toList(), verification, nextBefore);
    }
}
