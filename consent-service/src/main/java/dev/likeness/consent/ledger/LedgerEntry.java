package dev.likeness.consent.ledger;

import java.io.Serializable;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.Arrays;
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
    /** 1: names and data in clear (written before the ledger was sealed); 2: {@link Ledger#SEALED}. */
    public short format;
    /**
     * Who made the change: {@code person:<pseudonym>}, {@code platform:<client id>} or
     * {@code identity-service} (format 1: a person's subject in clear).
     */
    public String actor;
    /**
     * The change's details, hashed byte for byte as stored: JSON in which people are pseudonyms,
     * sealed under the key of {@link #sealedBy} (base64), or in clear when that is null.
     */
    public String data;
    /** The pseudonym of the likeness' owner, whose key sealed {@link #data}. */
    public UUID sealedBy;
    public String prevHash;
    public String hash;

    /**
     * SHA-256 over every field as stored, each prefixed with its length so no two entries share
     * an encoding, and over the previous entry's hash: changing, removing or reordering any
     * stored entry breaks every hash after it. Destroying a key changes nothing stored, so an
     * erasure leaves every hash as it was.
     */
    public String computeHash() {
        String[] fields = {prevHash == null ? "" : prevHash, likenessId.toString(), Long.toString(seq), type,
                occurredAt.toString(), actor, data};
        if (format != 1) {
            fields = Arrays.copyOf(fields, fields.length + 2);
            fields[fields.length - 2] = Short.toString(format);
            fields[fields.length - 1] = sealedBy == null ? "" : sealedBy.toString();
        }
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            for (String field : fields) {
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
