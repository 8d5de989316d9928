package dev.likeness.consent.protect;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.LockModeType;

import org.hibernate.reactive.mutiny.Mutiny;

import dev.likeness.kit.http.ProblemException;
import dev.likeness.kit.paging.Page;
import dev.likeness.kit.paging.PageCursor;
import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.quarkus.panache.common.Parameters;
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
        return persist(apply(person, request));
    }

    @WithTransaction
    public Uni<ProtectedPerson> update(UUID id, ProtectedPersonRequest request) {
        return requireLocked(id).call(person -> Mutiny.fetch(person.names)).map(person -> apply(person, request));
    }

    @WithTransaction
    public Uni<Void> remove(UUID id) {
        return requireLocked(id).chain(this::delete);
    }

    @WithSession
    public Uni<ProtectedPerson> get(UUID id) {
        return require(id);
    }

    /**
     * By name or alias when {@code query} is given (normalised, prefix), else all; newest first, so
     * an entry just added heads the list.
     */
    @WithSession
    public Uni<Page<ProtectedPerson>> search(String query, PageCursor after, int limit) {
        List<String> conditions = new ArrayList<>();
        Parameters parameters = new Parameters();
        if (query != null && !query.isBlank()) {
            conditions.add("id in (select p.id from ProtectedPerson p join p.names n where n like :prefix)");
            parameters.and("prefix", Names.normalize(query).replace("%", "") + "%");
        }
        if (after != null) {
            conditions.add("(createdAt < :at or (createdAt = :at and id < :id))");
            parameters.and("at", after.createdAt()).and("id", after.id());
        }
        String where = conditions.isEmpty() ? "" : "where " + String.join(" and ", conditions) + " ";
        return find(where + "order by createdAt desc, id desc", parameters).page(0, limit + 1).list()
                .map(rows -> Page.of(rows, limit, person -> new PageCursor(person.createdAt, person.id)));
    }

    private Uni<ProtectedPerson> require(UUID id) {
        return findById(id).onItem().ifNull().failWith(() -> ProblemException.notFound("protected person " + id));
    }

    /**
     * Locked until the transaction ends: two changes of one person at once would each replace the
     * names, and the second insert would collide with the first (a 500).
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
        person.names.clear();
        person.names.addAll(Names.of(person.name, List.of(person.aliases)));
        return person;
    }
}
