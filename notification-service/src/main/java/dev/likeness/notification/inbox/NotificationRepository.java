package dev.likeness.notification.inbox;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.smallrye.mutiny.Uni;

@ApplicationScoped
public class NotificationRepository implements PanacheRepositoryBase<Notification, UUID> {

    /** Newest first; {@code before} (time, id) continues after the last item of the previous page. */
    public Uni<List<Notification>> inbox(String recipientId, OffsetDateTime beforeTime, UUID beforeId, int limit) {
        if (beforeTime == null) {
            return find("recipientId = ?1 order by createdAt desc, id desc", recipientId).page(0, limit).list();
        }
        return find("recipientId = ?1 and (createdAt < ?2 or (createdAt = ?2 and id < ?3)) order by createdAt desc, id desc",
                recipientId, beforeTime, beforeId).page(0, limit).list();
    }
}
