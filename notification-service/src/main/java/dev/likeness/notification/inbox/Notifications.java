package dev.likeness.notification.inbox;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.hibernate.reactive.mutiny.Mutiny;

import dev.likeness.kit.erasure.ErasedPersons;
import dev.likeness.kit.http.ProblemException;
import dev.likeness.kit.outbox.Outbox;
import dev.likeness.kit.time.Clocks;
import dev.likeness.notification.directory.DisplayNames;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;

/** Stores notifications (in the consuming event's transaction), keeps inboxes, and forgets an erased person. */
@ApplicationScoped
public class Notifications {

    /** How the other services' events name a person they erased (the erasure contract's pseudonym). */
    static final String ERASED = "erased";

    @Inject NotificationRepository notifications;
    @Inject Outbox outbox;
    @Inject ErasedPersons erasedPersons;
    @Inject NotificationTexts texts;
    @Inject DisplayNames names;
    @Inject Clock clock;

    /**
     * Must run inside a transaction. Numbers the notification in the recipient's sequence (the
     * counter row stays locked until commit, so numbers follow commit order), keeps it for the
     * inbox and stream as asked, and announces it. Keeps nothing, answering false, for a recipient
     * erased (here, or named {@code erased} by the event); an erased actor is kept as none, without
     * what they wrote.
     */
    public Uni<Boolean> keep(Notification notification, boolean inInbox, boolean inStream) {
        if (ERASED.equals(notification.recipientId)) {
            return Uni.createFrom().item(false);
        }
        notification.id = UUID.randomUUID();
        notification.createdAt = Clocks.micros(clock);
        notification.inInbox = inInbox;
        notification.inStream = inStream;
        return nextSeq(notification.recipientId).chain(seq -> {
            notification.seq = seq;
            // A counter is made only for someone not erased, and an erasure deletes it: only a new one needs asking.
            return seq > 1 ? Uni.createFrom().item(false) : erasedRecipient(notification.recipientId);
        }).chain(erased -> erased ? Uni.createFrom().item(false) : withoutErasedActor(notification)
                .chain(() -> notifications.persist(notification))
                .chain(() -> outbox.append(new NotificationCreatedEvent(notification.id, notification.recipientId,
                        notification.type, notification.likenessId, notification.createdAt)))
                .replaceWith(true));
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
                .chain(() -> lastSeq(session, recipientId)));
    }

    private static Uni<Long> lastSeq(Mutiny.Session session, String personId) {
        return session.createSelectionQuery("select lastSeq from RecipientSequence where recipientId = ?1", Long.class)
                .setParameter(1, personId).getSingleResultOrNull();
    }

    /** Whether the recipient of a new counter was erased here; if so, the counter goes again. */
    private Uni<Boolean> erasedRecipient(String recipientId) {
        return erasedPersons.erased(recipientId).call(erased -> erased ? forgetCounter(recipientId) : Uni.createFrom().voidItem());
    }

    /** Who did it and what they wrote (a request's message, a removal reason) were an erased actor's: kept as none. */
    private Uni<Void> withoutErasedActor(Notification notification) {
        return notification.actorId == null ? Uni.createFrom().voidItem() : erasedActor(notification.actorId).invoke(erased -> {
            if (erased) {
                notification.actorId = null;
                notification.detail = null;
            }
        }).replaceWithVoid();
    }

    /**
     * ErasedPersons answers with a native select (see nextSeq), so it is asked once per person: one
     * with a counter was not erased, and an actor without one gets one at 0.
     */
    private Uni<Boolean> erasedActor(String actor) {
        if (ERASED.equals(actor)) {
            return Uni.createFrom().item(true);
        }
        return Panache.getSession().chain(session -> lastSeq(session, actor).chain(seq -> seq != null ? Uni.createFrom().item(false)
                : erasedPersons.erased(actor).call(erased -> erased ? Uni.createFrom().voidItem() : session.createNativeQuery("""
                                INSERT INTO recipient_sequence (recipient_id, last_seq) VALUES (?1, 0) ON CONFLICT DO NOTHING""")
                        .setParameter(1, actor).executeUpdate())));
    }

    /**
     * Must run first in the erasure's transaction, before {@link #erase}: until it commits, no
     * notification is kept, and it waits for those being kept (each counts up its recipient's
     * counter first, {@link #nextSeq}). So a notification is kept either before the erasure, which
     * then finds it, or after it, when {@link #keep} finds the person erased: a counter deleted
     * under this lock is never made again for someone erased.
     */
    public Uni<Void> holdWhileErasing() {
        return Panache.getSession().chain(session -> session
                .createNativeQuery("LOCK TABLE recipient_sequence IN SHARE ROW EXCLUSIVE MODE").executeUpdate())
                .replaceWithVoid();
    }

    /**
     * In the erasure's transaction: the person's notifications and counter go, and their
     * announcements not yet published (every event this service publishes is a notification.created
     * keyed by its recipient). In other people's, what they did stays, but no longer who did it
     * (shown as someone whose account was deleted) nor what they wrote.
     */
    public Uni<Void> erase(String personId) {
        return Panache.getSession().chain(session -> session
                .createMutationQuery("delete from Notification where recipientId = ?1").setParameter(1, personId).executeUpdate()
                .chain(() -> forgetCounter(personId))
                .chain(() -> session.createMutationQuery("update Notification set actorId = null, detail = null where actorId = ?1")
                        .setParameter(1, personId).executeUpdate())
                .chain(() -> session.createNativeQuery("DELETE FROM outbox_event WHERE partition_key = ?1")
                        .setParameter(1, personId).executeUpdate()))
                .replaceWithVoid();
    }

    private static Uni<Void> forgetCounter(String personId) {
        return Panache.getSession().chain(session -> session
                .createMutationQuery("delete from RecipientSequence where recipientId = ?1").setParameter(1, personId).executeUpdate())
                .replaceWithVoid();
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
