package dev.likeness.consent.access;

import java.time.OffsetDateTime;
import java.util.Set;
import java.util.UUID;

import jakarta.persistence.Convert;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import dev.likeness.consent.purpose.Purpose;
import dev.likeness.consent.purpose.PurposesConverter;

/** A person asks the owner to let them feature a likeness; approval turns it into a grant. */
@Entity
@Table(name = "access_request")
public class AccessRequest {

    public enum Status { PENDING, APPROVED, DENIED, WITHDRAWN }

    @Id
    public UUID id;
    public UUID likenessId;
    public String requesterId;
    @Convert(converter = PurposesConverter.class)
    public Set<Purpose> purposes;
    public String message;
    @Enumerated(EnumType.STRING)
    public Status status;
    public OffsetDateTime createdAt;
    public OffsetDateTime decidedAt;
    public UUID grantId;
}
