package dev.likeness.consent.likeness;

import java.time.OffsetDateTime;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

import dev.likeness.consent.ledger.Chained;
import dev.likeness.kit.http.Codes;

/** A likeness as consent-service sees it: its owner, lifecycle status, audience and revision. */
@Entity
@Table(name = "likeness")
public class Likeness implements Chained {

    public enum Status { VERIFIED, SUSPENDED, DELETED }

    @Id
    public UUID id;
    public String ownerId;
    @Enumerated(EnumType.STRING)
    public Status status;
    @Enumerated(EnumType.STRING)
    public Audience audience;
    public long revision;
    public OffsetDateTime verifiedAt;
    public OffsetDateTime updatedAt;
    /** {@link ContentTag} codes the owner forbids. */
    @JdbcTypeCode(SqlTypes.ARRAY)
    public String[] forbiddenTags = new String[0];
    /** Free text the renderer must follow; returned with every allowed check. */
    public String guidelines;
    /** Deleted, and some draft featuring it not yet asked to be removed ({@code draft.RemovalSweep}). */
    public boolean draftsRemovalPending;
    /** The ledger's last entry: its number and hash. */
    public long ledgerSeq;
    public String ledgerHash;

    public Set<ContentTag> forbidden() {
        return Arrays.stream(forbiddenTags).map(tag -> Codes.parse(ContentTag.class, tag))
                .collect(Collectors.toCollection(() -> EnumSet.noneOf(ContentTag.class)));
    }

    public void forbid(Set<ContentTag> tags) {
        forbiddenTags = tags.stream().sorted().map(ContentTag::code).toArray(String[]::new);
    }

    @Override
    public UUID chainId() {
        return id;
    }

    @Override
    public String chainOwner() {
        return ownerId;
    }

    @Override
    public long headSeq() {
        return ledgerSeq;
    }

    @Override
    public String headHash() {
        return ledgerHash;
    }

    @Override
    public void advanceTo(long seq, String hash) {
        ledgerSeq = seq;
        ledgerHash = hash;
    }

    /** Records a change that can narrow consent: tokens issued before it become worthless. */
    public void narrowed(OffsetDateTime now) {
        revision++;
        updatedAt = now;
    }
}
