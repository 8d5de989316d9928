package dev.likeness.consent.ledger;

import java.util.UUID;

/**
 * What a ledger belongs to (a likeness): it keeps the head of its chain, the number and hash of
 * the last entry, and its row is locked by the transaction that appends.
 */
public interface Chained {

    UUID chainId();

    /** The owner's id, under whose key the entries' data is sealed; {@link Ledger#ERASED} once they are erased. */
    String chainOwner();

    long headSeq();

    String headHash();

    void advanceTo(long seq, String hash);
}
