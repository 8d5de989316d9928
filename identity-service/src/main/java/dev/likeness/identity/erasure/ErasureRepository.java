package dev.likeness.identity.erasure;

import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.smallrye.mutiny.Uni;

@ApplicationScoped
public class ErasureRepository implements PanacheRepositoryBase<Erasure, UUID> {

    /** The person's erasure in progress; null when there is none. */
    public Uni<Erasure> inProgressOf(String personId) {
        return find("personId = ?1 and status = ?2", personId, Erasure.Status.IN_PROGRESS).firstResult();
    }

    /** The erasures a staff member asked for keep that trust and safety asked, not who. */
    public Uni<Integer> forgetStaff(String staffId) {
        return update("staffId = ?1 where staffId = ?2", Erasure.ERASED, staffId);
    }
}
