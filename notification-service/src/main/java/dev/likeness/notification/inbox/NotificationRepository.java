package dev.likeness.notification.inbox;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.quarkus.panache.common.Parameters;
import io.smallrye.mutiny.Uni;

@ApplicationScoped
public class NotificationRepository implements PanacheRepositoryBase<Notification, UUID> {

    /** Newest first, after {@code beforeSeq} when given. */
    public Uni<List<Notification>> inbox(String recipientId, InboxFilter filter, Long beforeSeq, int limit) {
        Parameters parameters = filter.parameters(recipientId);
        String query = filter.where();
        if (beforeSeq != null) {
            query += " and seq < :before";
            parameters.and("before", beforeSeq);
        }
        return find(query + " order by seq desc", parameters).page(0, limit).list();
    }

    /** Everything kept for the recipient, in the inbox or not, in their numbering after {@code afterSeq}. */
    public Uni<List<Notification>> after(String recipientId, long afterSeq, int limit) {
        return find("recipientId = :recipient and seq > :after order by seq", Parameters.with("recipient", recipientId)
                .and("after", afterSeq)).page(0, limit).list();
    }

    public Uni<Long> count(String recipientId, InboxFilter filter) {
        return count(filter.where(), filter.parameters(recipientId));
    }

    public Uni<Integer> setRead(String recipientId, UUID id, OffsetDateTime readAt) {
        return update("readAt = :at where id = :id and recipientId = :recipient and inInbox = true",
                Parameters.with("at", readAt).and("id", id).and("recipient", recipientId));
    }

    public Uni<Integer> setArchived(String recipientId, UUID id, OffsetDateTime archivedAt) {
        return update("archivedAt = :at where id = :id and recipientId = :recipient and inInbox = true",
                Parameters.with("at", archivedAt).and("id", id).and("recipient", recipientId));
    }

    public Uni<Integer> readAll(String recipientId, Set<NotificationType> types, OffsetDateTime readAt) {
        Parameters parameters = Parameters.with("at", readAt).and("recipient", recipientId);
        String typeClause = "";
        if (!types.isEmpty()) {
            typeClause = " and type in :types";
            parameters.and("types", types);
        }
        return update("readAt = :at where recipientId = :recipient and inInbox = true and readAt is null and archivedAt is null"
                + typeClause, parameters);
    }
}
