package dev.likeness.consent.protect;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.LockModeType;

import dev.likeness.kit.http.ProblemException;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;

/** The protected-persons registry trust and safety keeps, and the lookup checks make in it. */
@ApplicationScoped
public class ProtectedPersons implements PanacheRepositoryBase<ProtectedPerson, UUID> {

    /** A mentioned name that matched a protected person; {@code subjectId} is theirs once enrolled, else null. */
    public record Match(String mentioned, String subjectId) {
    }

    @Inject Clock clock;

    @WithTransaction
    public Uni<ProtectedPerson> create(ProtectedPersonRequest request) {
        ProtectedPerson person = new ProtectedPerson();
        person.id = UUID.randomUUID();
        person.createdAt = OffsetDateTime.now(clock);
        return persist(apply(person, request)).chain(() -> index(person)).replaceWith(person);
    }

    @WithTransaction
    public Uni<ProtectedPerson> update(UUID id, ProtectedPersonRequest request) {
        return requireLocked(id).chain(person -> Panache.getSession()
                .chain(session -> session.createMutationQuery("delete from ProtectedName where protectedPersonId = ?1")
                        .setParameter(1, id).executeUpdate())
                .chain(() -> index(apply(person, request)))
                .replaceWith(person));
    }

    @WithTransaction
    public Uni<Void> remove(UUID id) {
        return requireLocked(id).chain(person -> Panache.getSession()
                .chain(session -> session.createMutationQuery("delete from ProtectedName where protectedPersonId = ?1")
                        .setParameter(1, id).executeUpdate())
                .chain(() -> delete(person)));
    }

    @WithSession
    public Uni<ProtectedPerson> get(UUID id) {
        return require(id);
    }

    /** By name or alias when {@code query} is given (normalised, prefix), else all; by name. */
    @WithSession
    public Uni<List<ProtectedPerson>> search(String query, int limit) {
        if (query == null || query.isBlank()) {
            return find("order by name").page(0, limit).list();
        }
        return find("""
                        id in (select n.protectedPersonId from ProtectedName n where n.normalized like ?1) order by name""",
                Names.normalize(query).replace("%", "") + "%").page(0, limit).list();
    }

    private Uni<ProtectedPerson> require(UUID id) {
        return findById(id).onItem().ifNull().failWith(() -> ProblemException.notFound("protected person " + id));
    }

    /**
     * Locked until the transaction ends: two changes of one person at once would each delete the
     * names and insert them again, and the second insert would collide with the first (a 500).
     */
    private Uni<ProtectedPerson> requireLocked(UUID id) {
        return findById(id, LockModeType.PESSIMISTIC_WRITE)
                .onItem().ifNull().failWith(() -> ProblemException.notFound("protected person " + id));
    }

    private ProtectedPerson apply(ProtectedPerson person, ProtectedPersonRequest request) {
        person.name = request.name().strip();
        person.aliases = request.aliases() == null ? new String[0]
                : request.aliases().stream().map(String::strip).distinct().toArray(String[]::new);
        person.kind = request.kind();
        person.subjectId = request.subjectId();
        person.note = request.note();
        person.updatedAt = OffsetDateTime.now(clock);
        return person;
    }

    private Uni<Void> index(ProtectedPerson person) {
        Set<String> names = new LinkedHashSet<>();
        names.add(Names.normalize(person.name));
        for (String alias : person.aliases) {
            names.add(Names.normalize(alias));
        }
        names.remove("");
        return Panache.getSession().chain(session -> {
            Uni<Void> done = Uni.createFrom().voidItem();
            for (String name : names) {
                ProtectedName entry = new ProtectedName();
                entry.normalized = name;
                entry.protectedPersonId = person.id;
                done = done.chain(() -> session.persist(entry));
            }
            return done;
        });
    }
}
