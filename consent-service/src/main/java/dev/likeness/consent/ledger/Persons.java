package dev.likeness.consent.ledger;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;

import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import io.vertx.core.buffer.Buffer;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * The people the ledger names ({@code ledger_person}): each gets a random pseudonym, which
 * entries use instead of their id, and a key their likenesses' entries are sealed under. Erasing
 * a person deletes their row, and with it the only link from the pseudonym to them and the only
 * copy of the key.
 */
@ApplicationScoped
public class Persons {

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final String SELECT = "SELECT person_id, pseudonym, data_key FROM ledger_person";
    private static final String INSERT = """
            INSERT INTO ledger_person (pseudonym, person_id, data_key, created_at) VALUES ($1, $2, $3, $4)
            ON CONFLICT (person_id) DO NOTHING""";

    /** A person the ledger names. */
    public record Person(String id, UUID pseudonym, SecretKey key) {
    }

    @Inject Clock clock;

    /** The people of {@code ids}, named for the first time when they were not yet, in the caller's transaction. */
    public Uni<Map<String, Person>> of(Collection<String> ids) {
        return Panache.getSession().chain(session -> find(ids, missing -> session
                        .createNativeQuery(SELECT + " WHERE person_id IN (?1)", Object[].class).setParameter(1, missing).getResultList()
                        .map(rows -> rows.stream().map(Persons::person).toList()),
                missing -> {
                    Uni<Void> inserted = Uni.createFrom().voidItem();
                    for (Named person : named(missing)) {
                        inserted = inserted.chain(() -> session.createNativeQuery(INSERT.replace('$', '?'))
                                .setParameter(1, person.pseudonym()).setParameter(2, person.id())
                                .setParameter(3, person.key()).setParameter(4, person.at())
                                .executeUpdate().replaceWithVoid());
                    }
                    return inserted;
                }));
    }

    /** {@link #of(Collection)} on a transaction of the reactive pool. */
    public Uni<Map<String, Person>> of(SqlClient transaction, Collection<String> ids) {
        return find(ids, missing -> transaction.preparedQuery(SELECT + " WHERE person_id = ANY($1)")
                        .execute(Tuple.of(missing.toArray(String[]::new)))
                        .map(rows -> {
                            List<Person> found = new ArrayList<>();
                            for (Row row : rows) {
                                found.add(new Person(row.getString(0), row.getUUID(1), key(row.getBuffer(2).getBytes())));
                            }
                            return found;
                        }),
                missing -> transaction.preparedQuery(INSERT).executeBatch(named(missing).stream()
                        .map(person -> Tuple.of(person.pseudonym(), person.id(), Buffer.buffer(person.key()), person.at())).toList())
                        .replaceWithVoid());
    }

    /** The people behind {@code pseudonyms} still named here; an erased person's pseudonym is absent. */
    public Uni<Map<UUID, Person>> byPseudonym(Collection<UUID> pseudonyms) {
        if (pseudonyms.isEmpty()) {
            return Uni.createFrom().item(Map.of());
        }
        return Panache.getSession().chain(session -> session
                .createNativeQuery(SELECT + " WHERE pseudonym IN (?1)", Object[].class).setParameter(1, pseudonyms).getResultList())
                .map(rows -> rows.stream().map(Persons::person).collect(Collectors.toMap(Person::pseudonym, person -> person)));
    }

    /** Erasure: the person's pseudonym leads nowhere and what was sealed under their key stays sealed. */
    public Uni<Void> forget(String personId) {
        return Panache.getSession().chain(session -> session.createNativeQuery("DELETE FROM ledger_person WHERE person_id = ?1")
                .setParameter(1, personId).executeUpdate()).replaceWithVoid();
    }

    /**
     * Reads the people, names those not found and reads them again: a person another
     * transaction named meanwhile is found by the second read, whichever inserted first.
     */
    private static Uni<Map<String, Person>> find(Collection<String> ids,
                                                 Function<List<String>, Uni<List<Person>>> read,
                                                 Function<List<String>, Uni<Void>> insert) {
        List<String> wanted = Set.copyOf(ids).stream().toList();
        if (wanted.isEmpty()) {
            return Uni.createFrom().item(Map.of());
        }
        return read.apply(wanted).chain(found -> {
            Map<String, Person> known = new HashMap<>();
            found.forEach(person -> known.put(person.id(), person));
            List<String> missing = wanted.stream().filter(id -> !known.containsKey(id)).toList();
            if (missing.isEmpty()) {
                return Uni.createFrom().item(known);
            }
            return insert.apply(missing).chain(() -> read.apply(missing)).map(added -> {
                added.forEach(person -> known.put(person.id(), person));
                return known;
            });
        });
    }

    /** A person about to be named: a random pseudonym and a random AES-256 key. */
    private record Named(UUID pseudonym, String id, byte[] key, OffsetDateTime at) {
    }

    private List<Named> named(List<String> ids) {
        OffsetDateTime now = OffsetDateTime.now(clock);
        return ids.stream().map(id -> {
            byte[] key = new byte[32];
            RANDOM.nextBytes(key);
            return new Named(UUID.randomUUID(), id, key, now);
        }).toList();
    }

    private static Person person(Object[] row) {
        return new Person((String) row[0], (UUID) row[1], key((byte[]) row[2]));
    }

    private static SecretKey key(byte[] bytes) {
        return new SecretKeySpec(bytes, "AES");
    }
}
