package dev.likeness.identity.likeness;

import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.smallrye.mutiny.Uni;

@ApplicationScoped
public class LikenessRepository implements PanacheRepositoryBase<Likeness, UUID> {

    public Uni<List<Likeness>> ownedBy(String ownerId) {
        return list("ownerId", ownerId);
    }

    public Uni<Boolean> hasVerified(String ownerId) {
        return count("ownerId = ?1 and status = ?2", ownerId, Likeness.Status.VERIFIED).map(count -> count > 0);
    }
}
