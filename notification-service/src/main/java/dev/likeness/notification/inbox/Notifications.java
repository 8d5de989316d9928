package dev.likeness.notification.inbox;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import dev.likeness.kit.http.ProblemException;
import dev.likeness.kit.outbox.Outbox;
import dev.likeness.kit.time.Clocks;
import dev.likeness.notification.directory.DisplayNames;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;

/** Stores notifications (in the consuming event's transaction) and keeps inboxes. */
@ApplicationScoped
public class Notifications {

    @Inject NotificationRepository notifications;
    @Inject Outbox outbox;
    @Inject NotificationTexts texts;
    @Inject DisplayNames names;
    @Inject Clock clock;

    /**
     * Must run inside a transaction. Numbers the notification in the recipient's sequence (the
     * counter row stays locked until commit, so numbers follow commit order), keeps it for the
     * inbox and stream as asked, and announces it.
     */
    public Uni<Void> keep(Notification notification, boolean inInbox, boolean inStream) {
        notification.id = UUID.randomUUID();
        notification.createdAt = Clocks.micros(clock);
        notification.inInbox = inInbox;
        notification.inStream = inStream;
        return nextSeq(notification.recipientId).invoke(seq -> notification.seq = seq)
                .chain(() -> notifications.persist(notification))
                .chain(() -> outbox.append(new NotificationCreatedEvent(notification.id, notification.recipientId,
                        notification.type, notification.likenessId, notification.createdAt)));
    }

    /**
     * Counts up, then reads the count in HQL: Hibernate Reactive 3.2 never finds the cached plan
     * of a native select, so each one would add an entry to the bounded plan cache that every
     * query shares, evicting the others (QueryPlanCacheTest).
     */
    private Uni<Long> nextSeq(String recipientId) {
        return Panache.getSession().chain(session -> session.createNativeQuery("""
                        INSERT INTO recipient_sequence (recipient_id, last_seq) VALUES (?1, 1)
                        ON CONFLICT (recipient_id) DO UPDATE SET last_seq = recipient_sequence.last_seq + 1""")
                .setParameter(1, recipientId).executeUpdate()
                .chain(() -> session.createSelectionQuery("select lastSeq from RecipientSequence where recipientId = ?1", Long.class)
                        .setParameter(1, recipientId).getSingleResult()));
    }

    @WithSession
    public Uni<List<Notification>> inbox(String recipientId, InboxFilter filter, InboxCursor before, int limit) {
        return notifications.inbox(recipientId, filter, before == null ? null : before.seq(), limit);
    }

    /**
     * For the recipient's export: a page of everything kept for them, in the inbox or not (read,
     * unread, archived, or kept only for the stream), in their numbering after {@code afterSeq}
     * (from the first when null), each with its text as the inbox shows it in {@code locale}. Read
     * in a session of its own, closed before the names are looked up.
     */
    public Uni<List<ExportedNotification>> exported(String recipientId, Long afterSeq, int limit, Locale locale) {
        return Panache.withSession(() -> notifications.after(recipientId, afterSeq == null ? 0 : afterSeq, limit))
                .chain(found -> Uni.createFrom().completionStage(names.of(found.stream().map(n -> n.actorId).toList()))
                        .map(known -> found.stream()
                                .map(n -> ExportedNotification.of(n, texts.render(n, known.get(n.actorId), locale))).toList()));
    }

    @WithSession
    public Uni<Long> count(String recipientId, InboxFilter filter) {
        return notifications.count(recipientId, filter);
    }

    @WithTransaction
    public Uni<Void> markRead(String recipientId, UUID id, boolean read) {
        return found(notifications.setRead(recipientId, id, read ? OffsetDateTime.now(clock) : null), id);
    }

    @WithTransaction
    public Uni<Void> archive(String recipientId, UUID id, boolean archived) {
        return found(notifications.setArchived(recipientId, id, archived ? OffsetDateTime.now(clock) : null), id);
    }

    @WithTransaction
    public Uni<Integer> markAllRead(String recipientId, Set<NotificationType> types) {
        return notifications.readAll(recipientId, types, OffsetDateTime.now(clock));
    }

    private static Uni<Void> found(Uni<Integer> updated, UUID id) {
        return updated.chain(count -> count == 0
                ? Uni.createFrom().failure(ProblemException.notFound("notification " + id))
                : Uni.createFrom().voidItem());
    }
}
