package dev.likeness.consent.access;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import dev.likeness.consent.grant.GrantRequest;
import dev.likeness.consent.grant.GrantService;
import dev.likeness.consent.ledger.Ledger;
import dev.likeness.consent.likeness.Block;
import dev.likeness.consent.likeness.Likeness;
import dev.likeness.consent.likeness.LikenessRepository;
import dev.likeness.kit.http.ProblemException;
import dev.likeness.kit.outbox.Outbox;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;

/**
 * Access requests: anyone may ask to feature a likeness they know the id of; only its owner sees
 * and decides them. A person the owner blocked is told the likeness does not exist.
 */
@ApplicationScoped
public class AccessRequestService implements PanacheRepositoryBase<AccessRequest, UUID> {

    @Inject LikenessRepository likenesses;
    @Inject GrantService grants;
    @Inject Outbox outbox;
    @Inject Ledger ledger;
    @Inject Clock clock;

    @WithTransaction
    public Uni<AccessRequest> ask(NewAccessRequest ask, String requesterId) {
        UUID likenessId = ask.likenessId();
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
                    .chain(pending -> {
                        if (pending != null) {
                            throw new ProblemException(409, "request-pending", "Request pending",
                                    "Access request " + pending.id + " is waiting for the owner's answer");
                        }
                        AccessRequest request = new AccessRequest();
                        request.id = UUID.randomUUID();
                        request.likenessId = likenessId;
                        request.requesterId = requesterId;
                        request.purposes = ask.purposes();
                        request.message = ask.message() == null || ask.message().isBlank() ? null : ask.message().strip();
                        request.status = AccessRequest.Status.PENDING;
                        request.createdAt = OffsetDateTime.now(clock);
                        return persist(request)
                                .chain(() -> outbox.append(new AccessRequestedEvent(request.id, likenessId, likeness.ownerId,
                                        requesterId, request.purposes, request.message, request.createdAt)))
                                .chain(() -> ledger.append(likeness, "access.requested", requesterId,
                                        Ledger.data("requestId", request.id, "purposes", request.purposes)))
                                .replaceWith(request);
                    });
        });
    }

    @WithSession
    public Uni<List<AccessRequest>> sentBy(String requesterId) {
        return list("requesterId = ?1 order by createdAt desc", requesterId);
    }

    @WithSession
    public Uni<List<AccessRequest>> ofLikeness(UUID likenessId, String ownerId, AccessRequest.Status status) {
        return likenesses.owned(likenessId, ownerId)
                .onItem().ifNull().failWith(() -> ProblemException.notFound("likeness " + likenessId))
                .chain(() -> status == null
                        ? list("likenessId = ?1 order by createdAt desc", likenessId)
                        : list("likenessId = ?1 and status = ?2 order by createdAt desc", likenessId, status));
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

    /** A deleted likeness' open requests: withdrawn, in the caller's transaction. */
    public Uni<Integer> withdrawAll(UUID likenessId) {
        return update("status = ?1, decidedAt = ?2 where likenessId = ?3 and status = ?4", AccessRequest.Status.WITHDRAWN,
                OffsetDateTime.now(clock), likenessId, AccessRequest.Status.PENDING);
    }
}
