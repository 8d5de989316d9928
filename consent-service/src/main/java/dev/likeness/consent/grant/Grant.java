package dev.likeness.consent.grant;

import java.time.OffsetDateTime;
import java.util.Set;
import java.util.UUID;

import jakarta.persistence.Convert;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import dev.likeness.consent.purpose.Purpose;
import dev.likeness.consent.purpose.PurposesConverter;

/** The owner's consent for one person to feature a likeness. */
@Entity
@Table(name = "consent_grant")
public class Grant {

    public enum Status { ACTIVE, EXPIRED, USED_UP, REVOKED }

    @Id
    public UUID id;
    public UUID likenessId;
    public String granteeId;
    @Convert(converter = PurposesConverter.class)
    public Set<Purpose> purposes;
    public OffsetDateTime expiresAt;
    public Integer maxUses;
    public int uses;
    public OffsetDateTime createdAt;
    public OffsetDateTime revokedAt;

    public Status status(OffsetDateTime now) {
        if (revokedAt != null) {
            return Status.REVOKED;
        }
        if (expiresAt != null && !now.isBefore(expiresAt)) {
            return Status.EXPIRED;
        }
        if (maxUses != null && uses >= maxUses) {
            return Status.USED_UP;
        }
        return Status.ACTIVE;
    }
}
