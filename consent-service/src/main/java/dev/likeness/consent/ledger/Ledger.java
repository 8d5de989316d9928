package dev.likeness.consent.ledger;

import java.time.Clock;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * The per-likeness, append-only, hash-chained record of every consent-relevant change. Entries
 * are appended in the transaction of the change, under the likeness row lock every change takes,
 * so each likeness' chain is written one entry after the other.
 */
@ApplicationScoped
public class Ledger {

    public static final String IDENTITY_SERVICE = "identity-service";

    /** The ledger read back, with the result of recomputing its chain. */
    public record Verification(boolean valid, long entries, String head, Long brokenAt, String problem) {
    }

    @Inject ObjectMapper json;
    @Inject Clock clock;

    public static String platform(String clientId) {
        return "platform:" + clientId;
    }

    /** Key-value pairs in order, leaving out null values: the entry's data. */
    public static Map<String, Object> data(Object... pairs) {
        Map<String, Object> data = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            if (pairs[i + 1] != null) {
                data.put((String) pairs[i], pairs[i + 1]);
            }
        }
        return data;
    }

    /** Appends to the ledger of {@code likeness}, which the caller's transaction has locked. */
    public Uni<Void> append(Chained likeness, String type, String actor, Map<String, Object> data) {
        LedgerEntry entry = next(likeness, type, actor, data);
        return Panache.getSession().chain(session -> session.persist(entry));
    }

    /**
     * The entry that continues the chain of {@code likeness} (locked by the caller), which
     * becomes its head; for work done on the reactive pool, stored with {@link #store}.
     */
    public LedgerEntry next(Chained likeness, String type, String actor, Map<String, Object> data) {
        LedgerEntry entry = new LedgerEntry();
        entry.likenessId = likeness.chainId();
        entry.seq = likeness.headSeq() + 1;
        entry.type = type;
        entry.occurredAt = clock.instant().truncatedTo(ChronoUnit.MICROS); // what PostgreSQL keeps
        entry.actor = actor;
        try {
            entry.data = json.writeValueAsString(data);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("ledger data is not serialisable", e);
        }
        entry.prevHash = likeness.headHash();
        entry.hash = entry.computeHash();
        likeness.advanceTo(entry.seq, entry.hash);
        return entry;
    }

    /** Stores entries made by {@link #next} and their likenesses' new heads, in the caller's transaction. */
    public static Uni<Void> store(SqlClient transaction, List<LedgerEntry> entries) {
        Map<UUID, LedgerEntry> heads = new LinkedHashMap<>();
        entries.forEach(entry -> heads.put(entry.likenessId, entry));
        Uni<RowSet<Row>> inserted = transaction.preparedQuery("""
                        INSERT INTO ledger_entry (likeness_id, seq, type, occurred_at, actor, data, prev_hash, hash)
                        VALUES ($1, $2, $3, $4, $5, $6, $7, $8)""")
                .executeBatch(entries.stream().map(entry -> Tuple.from(new Object[] {entry.likenessId, entry.seq, entry.type,
                        entry.occurredAt.atOffset(ZoneOffset.UTC), entry.actor, entry.data, entry.prevHash, entry.hash})).toList());
        Uni<RowSet<Row>> headsMoved = transaction.preparedQuery("UPDATE likeness SET ledger_seq = $2, ledger_hash = $3 WHERE id = $1")
                .executeBatch(heads.values().stream().map(head -> Tuple.of(head.likenessId, head.seq, head.hash)).toList());
        return Uni.combine().all().unis(inserted, headsMoved).discardItems();
    }

    /**
     * One page of a chain, newest entries first in the sense of paging (each page is in order):
     * up to {@code limit} entries below {@code before} (the head when null), with the entry just
     * below the page and, when {@code before} is given, the entry at it: what the page is chained to.
     */
    public record Page(List<LedgerEntry> entries, LedgerEntry below, LedgerEntry above) {
    }

    public Uni<Page> page(Chained likeness, Long before, int limit) {
        long upper = before == null ? likeness.headSeq() + 1 : Math.min(before, likeness.headSeq() + 1);
        return Panache.getSession().chain(session -> session
                .createQuery("from LedgerEntry where likenessId = ?1 and seq < ?2 order by seq desc", LedgerEntry.class)
                .setParameter(1, likeness.chainId())
                .setParameter(2, upper)
                .setMaxResults(limit + 1)
                .getResultList()
                .chain(newestFirst -> (upper > likeness.headSeq() ? Uni.createFrom().<LedgerEntry>nullItem()
                        : session.find(LedgerEntry.class, new LedgerEntry.Key(likeness.chainId(), upper)))
                        .map(above -> {
                            List<LedgerEntry> entries = new ArrayList<>(newestFirst.subList(0, Math.min(limit, newestFirst.size())));
                            Collections.reverse(entries);
                            return new Page(entries, newestFirst.size() > limit ? newestFirst.get(limit) : null, above);
                        })));
    }

    /**
     * Recomputes a page of the chain: numbers contiguous, the first entry following the one below
     * the page (or being entry 1), each hash matching its content, and the last entry followed by
     * the one above the page, or being the head the likeness records. Walking every page verifies
     * the whole chain; one page costs what its entries do.
     */
    public static Verification verify(Chained likeness, Page page) {
        List<LedgerEntry> entries = page.entries();
        LedgerEntry below = page.below();
        String previous = below == null ? null : below.hash;
        long expected = below == null ? 1 : below.seq + 1;
        for (LedgerEntry entry : entries) {
            if (entry.seq != expected) {
                return broken(entries, expected, "entry " + expected + " is missing");
            }
            if (!Objects.equals(entry.prevHash, previous)) {
                return broken(entries, entry.seq, "entry " + entry.seq + " does not follow entry " + (entry.seq - 1));
            }
            if (!entry.computeHash().equals(entry.hash)) {
                return broken(entries, entry.seq, "entry " + entry.seq + " was altered after it was written");
            }
            previous = entry.hash;
            expected++;
        }
        LedgerEntry above = page.above();
        boolean followed = above == null
                ? expected - 1 == likeness.headSeq() && Objects.equals(previous, likeness.headHash())
                : above.seq == expected && Objects.equals(above.prevHash, previous);
        if (!followed) {
            return broken(entries, expected, "entries after " + (expected - 1) + " are missing");
        }
        return new Verification(true, entries.size(), previous, null, null);
    }

    private static Verification broken(List<LedgerEntry> entries, long at, String problem) {
        return new Verification(false, entries.size(), null, at, problem);
    }
}
