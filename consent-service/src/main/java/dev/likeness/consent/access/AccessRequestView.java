package dev.likeness.consent.access;

import java.time.OffsetDateTime;
import java.util.Set;
import java.util.UUID;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import dev.likeness.consent.purpose.Purpose;

@Schema(name = "AccessRequest")
public record AccessRequestView(UUID id, UUID likenessId, String requesterId, Set<Purpose> purposes, String message,
                                AccessRequest.Status status, OffsetDateTime createdAt, OffsetDateTime decidedAt,
                                @Schema(description = "The grant an approval created") UUID grantId) {

    public static AccessRequestView of(AccessRequest request) {
        return new AccessRequestView(request.id, request.likenessId, request.requesterId, request.purposes, request.message,
                request.status, request.createdAt, request.decidedAt, request.grantId);
    }
}
