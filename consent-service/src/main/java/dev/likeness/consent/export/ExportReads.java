package dev.likeness.consent.export;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import dev.likeness.consent.draft.DraftReads;
import dev.likeness.consent.draft.Registered;
import dev.likeness.consent.follow.Follow;
import dev.likeness.consent.ledger.Ledger;
import dev.likeness.consent.ledger.LedgerEntry;
import dev.likeness.consent.likeness.Likeness;
import dev.likeness.consent.protect.ProtectedPerson;
import dev.likeness.kit.paging.PageCursor;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.smallrye.mutiny.Uni;

/**
 * The pages a person's export reads, each in a session of its own (the export streams for as long
 * as its client takes, so it holds no session or transaction between pages). Every list is read by
 * keyset on an index in its order (migrations V11 to V13).
 */
@ApplicationScoped
public class ExportReads {

    static final int PAGE = 100;

    /** Where a follows page ends: the platform, then the other person of the pair. */
    record FollowKey(String platformId, String otherId) {
    }

    @Inject DraftReads drafts;
    @Inject Ledger ledger;

    /** Every likeness the person owns or owned, deleted ones too: few, read at once. */
    @WithSession
    public Uni<List<Likeness>> likenesses(String ownerId) {
        return Panache.getSession().chain(session -> session
                .createQuery("from Likeness where ownerId = ?1 order by verifiedAt, id", Likeness.class)
                .setParameter(1, ownerId).getResultList());
    }

    /**
     * A page of {@code type}'s rows matching {@code where} (parameter {@code ?1}), newest first by
     * (createdAt, {@code key}), after {@code after}.
     */
    @WithSession
    public <T> Uni<List<T>> newest(Class<T> type, String where, Object value, String key, PageCursor after) {
        String range = after == null ? "" : " and (createdAt < ?2 or (createdAt = ?2 and " + key + " < ?3))";
        return Panache.getSession().chain(session -> {
            var query = session.createQuery("from " + type.getSimpleName() + " where " + where + range
                    + " order by createdAt desc, " + key + " desc", type).setParameter(1, value);
            if (after != null) {
                query.setParameter(2, after.createdAt()).setParameter(3, key.equals("id") ? after.id() : after.key());
            }
            return query.setMaxResults(PAGE).getResultList();
        });
    }

    /** A page of the follows a platform reported with the person as {@code side} ("follower" or "followee"). */
    @WithSession
    public Uni<List<Follow>> follows(String side, String personId, FollowKey after) {
        String other = side.equals("follower") ? "followeeId" : "followerId";
        String range = after == null ? "" : " and (platformId > ?2 or (platformId = ?2 and " + other + " > ?3))";
        return Panache.getSession().chain(session -> {
            var query = session.createQuery("from Follow where " + side + "Id = ?1" + range + " order by platformId, " + other,
                    Follow.class).setParameter(1, personId);
            if (after != null) {
                query.setParameter(2, after.platformId()).setParameter(3, after.otherId());
            }
            return query.setMaxResults(PAGE).getResultList();
        });
    }

    @WithSession
    public Uni<List<Registered>> draftsFeaturing(UUID likenessId, PageCursor after) {
        return drafts.featuringPage(likenessId, after, PAGE);
    }

    @WithSession
    public Uni<List<Registered>> draftsCreatedBy(String creatorId, PageCursor after) {
        return drafts.createdBy(creatorId, after, PAGE);
    }

    /** A page of the likeness' ledger below entry {@code before} (from the head when null), newest first. */
    @WithSession
    public Uni<List<Ledger.Readable>> ledger(Likeness likeness, Long before) {
        return ledger.page(likeness, before, PAGE).chain(page -> {
            List<LedgerEntry> newestFirst = new ArrayList<>(page.entries());
            Collections.reverse(newestFirst);
            return ledger.read(newestFirst);
        });
    }

    @WithSession
    public Uni<List<ProtectedPerson>> protectedAs(String subjectId) {
        return Panache.getSession().chain(session -> session
                .createQuery("from ProtectedPerson where subjectId = ?1 order by createdAt", ProtectedPerson.class)
                .setParameter(1, subjectId).getResultList());
    }
}
