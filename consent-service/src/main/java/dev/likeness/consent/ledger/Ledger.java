package dev.likeness.consent.ledger;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.jboss.logging.Logger;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.likeness.kit.crypto.Aead;
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
 *
 * <p>An entry names people only by pseudonym and seals its data under the key of the likeness'
 * owner ({@link Persons}); the hash covers what is stored. Erasing a person forgets their
 * pseudonym and key: every entry stays as it was stored and the chain still verifies, but it no
 * longer says who they were, and what their likenesses' entries said cannot be opened.
 */
@ApplicationScoped
public class Ledger {

    private static final Logger LOG = Logger.getLogger(Ledger.class);

    public static final String IDENTITY_SERVICE = "identity-service";
    /** What a person erased since is called where the ledger named them. */
    public static final String ERASED = "erased";
    /** The format of entries written now: people as pseudonyms, data sealed under the owner's key. */
    public static final short SEALED = 2;
    private static final String PLATFORM = "platform:";
    private static final String PERSON = "person:";
    /** The data fields that hold a person's id. */
    private static final Set<String> PERSON_FIELDS = Set.of("granteeId", "personId", "creatorId", "followerId", "followeeId");

    /** The ledger read back, with the result of recomputing its chain. */
    public record Verification(boolean valid, long entries, String head, Long brokenAt, String problem) {
    }

    @Inject ObjectMapper json;
    @Inject Clock clock;
    @Inject Persons persons;

    public static String platform(String clientId) {
        return PLATFORM + clientId;
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
        Change change = new Change(likeness, type, actor, data);
        return persons.of(change.named()).chain(named -> {
            LedgerEntry entry = entry(named, change);
            return Panache.getSession().chain(session -> session.persist(entry));
        });
    }

    /** A change to append to the ledger of {@code likeness}, which the caller's transaction has locked. */
    public record Change(Chained likeness, String type, String actor, Map<String, Object> data) {

        /** The people the entry names: the likeness' owner, a person acting, the people in its data. */
        Set<String> named() {
            Set<String> named = new HashSet<>();
            if (!ERASED.equals(likeness.chainOwner())) {
                named.add(likeness.chainOwner());
            }
            if (isPerson(actor)) {
                named.add(actor);
            }
            PERSON_FIELDS.stream().map(data::get).filter(String.class::isInstance).map(String.class::cast)
                    .filter(id -> !ERASED.equals(id)).forEach(named::add);
            return named;
        }
    }

    /**
     * Appends, in order, on a transaction of the reactive pool: the people named in one round
     * trip (two more for people named for the first time), then the entries and their likenesses'
     * new heads in another.
     */
    public Uni<Void> append(SqlClient transaction, List<Change> changes) {
        Set<String> named = new HashSet<>();
        changes.forEach(change -> named.addAll(change.named()));
        return persons.of(transaction, named).chain(people -> store(transaction, changes.stream().map(change -> entry(people, change)).toList()));
    }

    /** The entry that continues the chain of the change's likeness, which becomes its head. */
    private LedgerEntry entry(Map<String, Persons.Person> people, Change change) {
        Chained likeness = change.likeness();
        LedgerEntry entry = new LedgerEntry();
        entry.likenessId = likeness.chainId();
        entry.seq = likeness.headSeq() + 1;
        entry.format = SEALED;
        entry.type = change.type();
        entry.occurredAt = clock.instant().truncatedTo(ChronoUnit.MICROS); // what PostgreSQL keeps
        entry.actor = isPerson(change.actor()) ? PERSON + people.get(change.actor()).pseudonym() : change.actor();
        Map<String, Object> data = new LinkedHashMap<>(change.data());
        PERSON_FIELDS.forEach(field -> data.computeIfPresent(field, (name, id) -> people.containsKey(id)
                ? PERSON + people.get(id).pseudonym() : id));
        String text = write(data);
        Persons.Person owner = people.get(likeness.chainOwner());
        if (owner == null) {
            entry.data = text; // the owner was erased: nothing of theirs is left to seal
        } else {
            entry.sealedBy = owner.pseudonym();
            entry.data = Base64.getEncoder().encodeToString(Aead.seal(owner.key(), text.getBytes(StandardCharsets.UTF_8),
                    context(entry)));
        }
        entry.prevHash = likeness.headHash();
        entry.hash = entry.computeHash();
        likeness.advanceTo(entry.seq, entry.hash);
        return entry;
    }

    private static Uni<Void> store(SqlClient transaction, List<LedgerEntry> entries) {
        Map<UUID, LedgerEntry> heads = new LinkedHashMap<>();
        entries.forEach(entry -> heads.put(entry.likenessId, entry));
        Uni<RowSet<Row>> inserted = transaction.preparedQuery("""
                        INSERT INTO ledger_entry (likeness_id, seq, format, type, occurred_at, actor, data, sealed_by, prev_hash, hash)
                        VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)""")
                .executeBatch(entries.stream().map(entry -> Tuple.from(new Object[] {entry.likenessId, entry.seq, entry.format,
                        entry.type, entry.occurredAt.atOffset(ZoneOffset.UTC), entry.actor, entry.data, entry.sealedBy,
                        entry.prevHash, entry.hash})).toList());
        Uni<RowSet<Row>> headsMoved = transaction.preparedQuery("UPDATE likeness SET ledger_seq = $2, ledger_hash = $3 WHERE id = $1")
                .executeBatch(heads.values().stream().map(head -> Tuple.of(head.likenessId, head.seq, head.hash)).toList());
        return Uni.combine().all().unis(inserted, headsMoved).discardItems();
    }

    /**
     * An entry as people read it: the people it names by id, or {@value #ERASED} for one erased
     * since; its data opened, or null when its owner was erased and their key with them.
     */
    public record Readable(LedgerEntry entry, String actor, String data) {
    }

    /** Opens entries of one or more chains for reading; two reads of the people named, whatever their number. */
    public Uni<List<Readable>> read(List<LedgerEntry> entries) {
        Set<UUID> keys = new HashSet<>();
        entries.forEach(entry -> {
            if (entry.sealedBy != null) {
                keys.add(entry.sealedBy);
            }
            pseudonym(entry.actor).ifPresent(keys::add);
        });
        return persons.byPseudonym(keys).chain(owners -> {
            List<Map<String, Object>> opened = entries.stream().map(entry -> open(entry, owners)).toList();
            Set<UUID> inData = new HashSet<>();
            opened.stream().filter(Objects::nonNull).forEach(data -> PERSON_FIELDS.stream().map(data::get)
                    .map(Ledger::pseudonym).forEach(found -> found.filter(id -> !owners.containsKey(id)).ifPresent(inData::add)));
            return persons.byPseudonym(inData).map(others -> {
                Map<UUID, Persons.Person> people = new HashMap<>(owners);
                people.putAll(others);
                List<Readable> readable = new ArrayList<>();
                for (int i = 0; i < entries.size(); i++) {
                    LedgerEntry entry = entries.get(i);
                    Map<String, Object> data = opened.get(i);
                    if (data != null) {
                        PERSON_FIELDS.forEach(field -> data.computeIfPresent(field, (name, value) -> named(value, people)));
                    }
                    readable.add(new Readable(entry, (String) named(entry.actor, people), data == null ? null : write(data)));
                }
                return readable;
            });
        });
    }

    /**
     * The entry's data as a map; null when it is sealed under a key that no longer exists, or
     * does not open or parse because it was altered (which the verification reports).
     */
    private Map<String, Object> open(LedgerEntry entry, Map<UUID, Persons.Person> owners) {
        try {
            String text = entry.data;
            if (entry.sealedBy != null) {
                Persons.Person owner = owners.get(entry.sealedBy);
                if (owner == null) {
                    return null;
                }
                text = new String(Aead.open(owner.key(), Base64.getDecoder().decode(entry.data), context(entry),
                        "ledger entry " + entry.seq + " of likeness " + entry.likenessId), StandardCharsets.UTF_8);
            }
            return json.readValue(text, new TypeReference<LinkedHashMap<String, Object>>() { });
        } catch (IllegalStateException | IllegalArgumentException | JsonProcessingException e) {
            LOG.warnf("ledger entry %d of likeness %s does not open: %s", entry.seq, entry.likenessId, e.getMessage());
            return null;
        }
    }

    /** A person's pseudonym as the person's id, or {@value #ERASED}; anything else as it is. */
    private static Object named(Object value, Map<UUID, Persons.Person> people) {
        return pseudonym(value).<Object>map(id -> people.containsKey(id) ? people.get(id).id() : ERASED).orElse(value);
    }

    private static Optional<UUID> pseudonym(Object value) {
        return value instanceof String text && text.startsWith(PERSON) ? Optional.of(UUID.fromString(text.substring(PERSON.length())))
                : Optional.empty();
    }

    private String write(Map<String, Object> data) {
        try {
            return json.writeValueAsString(data);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("ledger data is not serialisable", e);
        }
    }

    /** Binds sealed data to its place in its chain: it cannot be moved to another entry. */
    private static byte[] context(LedgerEntry entry) {
        return Aead.context(entry.likenessId + "/" + entry.seq);
    }

    private static boolean isPerson(String actor) {
        return !actor.equals(IDENTITY_SERVICE) && !actor.equals(ERASED) && !actor.startsWith(PLATFORM);
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
