package dev.likeness.notification.inbox;

import java.util.Set;

import io.quarkus.panache.common.Parameters;

/** Which notifications of an inbox a request asks for. */
public record InboxFilter(Set<NotificationType> types, boolean archived, boolean unreadOnly) {

    String where() {
        StringBuilder where = new StringBuilder("recipientId = :recipient and inInbox = true");
        where.append(archived ? " and archivedAt is not null" : " and archivedAt is null");
        if (unreadOnly) {
            where.append(" and readAt is null");
        }
        if (!types.isEmpty()) {
            where.append(" and type in :types");
        }
        return where.toString();
    }

    Parameters parameters(String recipientId) {
        Parameters parameters = Parameters.with("recipient", recipientId);
        if (!types.isEmpty()) {
            parameters.and("types", types);
        }
        return parameters;
    }
}
