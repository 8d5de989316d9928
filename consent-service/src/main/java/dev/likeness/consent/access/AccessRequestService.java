package dev.likeness.consent.access;

import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import dev.likeness.consent.grant.GrantRequest;
import dev.likeness.consent.grant.GrantService;
import dev.likeness.consent.ledger.Ledger;
import dev.likeness.consent.likeness.Block;
import dev.likeness.consent.likeness.Likeness;
import dev.likeness.consent.likeness.LikenessRepository;
import dev.likeness.kit.database.TransactionLocks;
import dev.likeness.kit.http.ProblemException;
import dev.likeness.kit.outbox.Outbox;
import dev.likeness.kit.paging.Page;
import dev.likeness.kit.paging.PageCursor;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.quarkus.panache.common.Parameters;
import io.smallrye.mutiny.Uni;

/**
 * Access requests: anyone may ask to feature a likeness they know the id of; only its owner sees
 * and decides them. A person the owner blocked is told the likeness does not exist. How often a
 * person may ask is limited ({@link AccessRequestConfig}): every request alerts the owner.
 */
@ApplicationScoped
public class AccessRequestService implements PanacheRepositoryBase<AccessRequest, UUID> {

    @Inject LikenessRepository likenesses;
    @Inject GrantService grants;
    @Inject Outbox outbox;
    @Inject Ledger ledger;
    @Inject AccessRequestConfig limits;
    @Inject Clock clock;

    @WithTransaction
    public Uni<AccessRequest> ask(NewAccessRequest ask, String requesterId) {
        UUID likenessId = ask.likenessId();
        OffsetDateTime now = OffsetDateTime.now(clock);
        return likenesses.forUpdate(likenessId).chain(likeness -> {
            if (likeness == null || likeness.status == Likeness.Status.DELETED) {
                throw ProblemException.notFound("likeness " + likenessId);
            }
            if (likeness.ownerId.equals(requesterId)) {
                throw new ProblemException(422, "own-likeness", "Own likeness", "The owner may always feature their own likeness");
            }
            return Panache.getSession().chain(session -> session.find(Block.class, new Block.Key(likenessId, requesterId)))
                    .chain(blocked -> {
                        if (blocked != null) {
                            throw ProblemException.notFound("likeness " + likenessId);
                        }
                        return find("likenessId = ?1 and requesterId = ?2 and status = ?3", likenessId, requesterId,
                                AccessRequest.Status.PENDING).<AccessRequest>firstResult();
                    })
                    .invoke(pending -> {
                        if (pending != null) {
                            throw new ProblemException(409, "request-pending", "Request pending",
                                    "Access request " + pending.id + " is waiting for the owner's answer");
                        }
                    })
                    .chain(() -> requireNoCooldown(likenessId, requesterId, now))
                    .chain(() -> requireFewRecent(likenessId, requesterId, now))
                    .chain(() -> requireFewPending(requesterId))
                    .chain(() -> {
                        AccessRequest request = new AccessRequest();
                        request.id = UUID.randomUUID();
                        request.likenessId = likenessId;
                        request.requesterId = requesterId;
                        request.purposes = ask.purposes();
                        request.message = ask.message() == null || ask.message().isBlank() ? null : ask.message().strip();
                        request.status = AccessRequest.Status.PENDING;
                        request.createdAt = now;
                        return persist(request)
                                .chain(() -> outbox.append(new AccessRequestedEvent(request.id, likenessId, likeness.ownerId,
                                        requesterId, request.purposes, request.message, request.createdAt)))
                                .chain(() -> ledger.append(likeness, "access.requested", requesterId,
                                        Ledger.data("requestId", request.id, "purposes", request.purposes)))
                                .replaceWith(request);
                    });
        });
    }

    /** 429 until {@code cooldown-after-denial} has passed since the owner last denied this person's request. */
    private Uni<Void> requireNoCooldown(UUID likenessId, String requesterId, OffsetDateTime now) {
        Duration cooldown = limits.cooldownAfterDenial();
        return find("likenessId = ?1 and requesterId = ?2 and status = ?3 and decidedAt > ?4 order by decidedAt desc",
                likenessId, requesterId, AccessRequest.Status.DENIED, now.minus(cooldown)).<AccessRequest>firstResult()
                .invoke(denied -> {
                    if (denied != null) {
                        throw new ProblemException(429, "request-cooldown", "Asked again too soon",
                                "The owner denied request " + denied.id + "; ask again once Retry-After has passed")
                                .retryAfter(Duration.between(now, denied.decidedAt.plus(cooldown)));
                    }
                }).replaceWithVoid();
    }

    /**
     * 429 once the person made {@code max-requests-per-likeness} requests for the likeness within
     * {@code request-window}, whatever became of them: ask, withdraw, ask again would otherwise
     * alert the owner and grow the ledger without end. Lifted when the oldest leaves the window.
     */
    private Uni<Void> requireFewRecent(UUID likenessId, String requesterId, OffsetDateTime now) {
        Duration window = limits.requestWindow();
        return find("likenessId = ?1 and requesterId = ?2 and createdAt > ?3 order by createdAt", likenessId, requesterId,
                now.minus(window)).page(0, limits.maxRequestsPerLikeness()).<AccessRequest>list()
                .invoke(recent -> {
                    if (recent.size() >= limits.maxRequestsPerLikeness()) {
                        throw new ProblemException(429, "too-many-requests", "Too many requests",
                                recent.size() + " recent requests for this likeness; ask again once Retry-After has passed")
                                .retryAfter(Duration.between(now, recent.get(0).createdAt.plus(window)));
                    }
                }).replaceWithVoid();
    }

    /**
     * At most {@code max-pending} requests wait per person, counted under a lock of the person's
     * own (requests for two likenesses hold different likeness locks). 409, not 429: waiting lifts
     * nothing, since owners may never answer; withdrawing one does.
     */
    private Uni<Void> requireFewPending(String requesterId) {
        return TransactionLocks.lock("access-requests:" + requesterId)
                .chain(() -> count("requesterId = ?1 and status = ?2", requesterId, AccessRequest.Status.PENDING))
                .invoke(pending -> {
                    if (pending >= limits.maxPending()) {
                        throw new ProblemException(409, "too-many-pending-requests", "Too many pending requests",
                                pending + " requests are waiting for their owners' answers; withdraw one to ask for another");
                    }
                }).replaceWithVoid();
    }

    /** The person's requests, newest first. */
    @WithSession
    public Uni<Page<AccessRequest>> sentBy(String requesterId, PageCursor after, int limit) {
        return newest("requesterId = :requester", Parameters.with("requester", requesterId), after, limit);
    }

    /** Requests for the owner's likeness, newest first, in one status or all. */
    @WithSession
    public Uni<Page<AccessRequest>> ofLikeness(UUID likenessId, String ownerId, AccessRequest.Status status, PageCursor after,
                                               int limit) {
        return likenesses.owned(likenessId, ownerId)
                .onItem().ifNull().failWith(() -> ProblemException.notFound("likeness " + likenessId))
                .chain(() -> status == null
                        ? newest("likenessId = :likeness", Parameters.with("likeness", likenessId), after, limit)
                        : newest("likenessId = :likeness and status = :status",
                                Parameters.with("likeness", likenessId).and("status", status), after, limit));
    }

    private Uni<Page<AccessRequest>> newest(String where, Parameters parameters, PageCursor after, int limit) {
        if (after != null) {
            where += " and (createdAt < :at or (createdAt = :at and id < :id))";
            parameters.and("at", after.createdAt()).and("id", after.id());
        }
        return find(where + " order by createdAt desc, id desc", parameters).page(0, limit + 1).<AccessRequest>list()
                .map(rows -> Page.of(rows, limit, request -> new PageCursor(request.createdAt, request.id)));
    }

    /** The requester takes a pending request back; a decided one stays as it is. */
    @WithTransaction
    public Uni<AccessRequest> withdraw(UUID requestId, String requesterId) {
        return findById(requestId).chain(request -> {
            if (request == null || !request.requesterId.equals(requesterId)) {
                throw ProblemException.notFound("access request " + requestId);
            }
            if (request.status != AccessRequest.Status.PENDING) {
                return Uni.createFrom().item(request);
            }
            return likenesses.forUpdate(request.likenessId).chain(likeness -> {
                request.status = AccessRequest.Status.WITHDRAWN;
                request.decidedAt = OffsetDateTime.now(clock);
                return ledger.append(likeness, "access.withdrawn", requesterId, Ledger.data("requestId", request.id))
                        .replaceWith(request);
            });
        });
    }

    @WithTransaction
    public Uni<AccessRequest> approve(UUID likenessId, UUID requestId, String ownerId, Approval approval) {
        return decide(likenessId, requestId, ownerId, (likeness, request) -> {
            GrantRequest grant = new GrantRequest(request.requesterId,
                    approval.purposes() == null ? request.purposes : approval.purposes(),
                    approval.expiresAt(), approval.maxUses());
            return grants.issue(likeness, grant, ownerId).chain(created -> {
                request.status = AccessRequest.Status.APPROVED;
                request.grantId = created.id;
                return outbox.append(new AccessApprovedEvent(request.id, likenessId, ownerId, request.requesterId, created.id,
                                request.decidedAt))
                        .chain(() -> ledger.append(likeness, "access.approved", ownerId,
                                Ledger.data("requestId", request.id, "grantId", created.id)));
            });
        });
    }

    @WithTransaction
    public Uni<AccessRequest> deny(UUID likenessId, UUID requestId, String ownerId) {
        return decide(likenessId, requestId, ownerId, (likeness, request) -> {
            request.status = AccessRequest.Status.DENIED;
            return outbox.append(new AccessDeniedEvent(request.id, likenessId, ownerId, request.requesterId, request.decidedAt))
                    .chain(() -> ledger.append(likeness, "access.denied", ownerId, Ledger.data("requestId", request.id)));
        });
    }

    private interface Decision {
        Uni<Void> apply(Likeness likeness, AccessRequest request);
    }

    private Uni<AccessRequest> decide(UUID likenessId, UUID requestId, String ownerId, Decision decision) {
        return likenesses.ownedForUpdate(likenessId, ownerId)
                .onItem().ifNull().failWith(() -> ProblemException.notFound("likeness " + likenessId))
                .chain(likeness -> findById(requestId).chain(request -> {
                    if (request == null || !request.likenessId.equals(likenessId)) {
                        throw ProblemException.notFound("access request " + requestId);
                    }
                    if (request.status != AccessRequest.Status.PENDING) {
                        throw new ProblemException(409, "request-decided", "Request already decided",
                                "Access request " + requestId + " is " + request.status);
                    }
                    OffsetDateTime now = OffsetDateTime.now(clock);
                    request.decidedAt = now;
                    return decision.apply(likeness, request).replaceWith(request);
                }));
    }

    /** Withdraws, for {@code actor}, the request {@code requesterId} has pending on a likeness the caller's transaction has locked. */
    public Uni<Void> withdrawPending(Likeness likeness, String requesterId, String actor) {
        return find("likenessId = ?1 and requesterId = ?2 and status = ?3", likeness.id, requesterId, AccessRequest.Status.PENDING)
                .firstResult().chain(request -> {
                    if (request == null) {
                        return Uni.createFrom().voidItem();
                    }
                    request.status = AccessRequest.Status.WITHDRAWN;
                    request.decidedAt = OffsetDateTime.now(clock);
                    return ledger.append(likeness, "access.withdrawn", actor, Ledger.data("requestId", request.id));
                });
    }

    /** A deleted likeness' open requests: withdrawn, in the caller's transaction. */
    public Uni<Integer> withdrawAll(UUID likenessId) {
        return update("status = ?1, decidedAt = ?2 where likenessId = ?3 and status = ?4", AccessRequest.Status.WITHDRAWN,
                OffsetDateTime.now(clock), likenessId, AccessRequest.Status.PENDING);
    }
}
