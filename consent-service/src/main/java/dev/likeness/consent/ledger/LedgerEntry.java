package dev.likeness.consent.ledger;

import java.io.Serializable;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;
import java.util.UUID;

import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;

/** One consent-relevant change of a likeness, chained to the entry before it by hash. */
@Entity
@Table(name = "ledger_entry")
@IdClass(LedgerEntry.Key.class)
public class LedgerEntry {

    public record Key(UUID likenessId, long seq) implements Serializable {
        public Key() {
            this(null, 0);
        }
    }

    @Id
    public UUID likenessId;
    @Id
    public long seq;
    public String type;
    public Instant occurredAt;
    /** Who made the change: a person's subject, {@code platform:<client id>} or {@code identity-service}. */
    public String actor;
    /** The change's details as JSON text, hashed byte for byte as stored. */
    public String data;
    public String prevHash;
    public String hash;

    /**
     * SHA-256 over every field, each prefixed with its length so no two entries share an
     * encoding, and over the previous entry's hash: changing, removing or reordering any
     * stored entry breaks every hash after it.
     */
    public String computeHash() {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            for (String field : new String[] {prevHash == null ? "" : prevHash, likenessId.toString(), Long.toString(seq),
                    type, occurredAt.toString(), actor, data}) {
                byte[] bytes = field.getBytes(StandardCharsets.UTF_8);
                digest.update(ByteBuffer.allocate(Integer.BYTES).putInt(bytes.length).array());
                digest.update(bytes);
            }
            return HexFormat.of().formatHex(digest.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
