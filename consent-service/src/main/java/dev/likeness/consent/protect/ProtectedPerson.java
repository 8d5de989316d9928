package dev.likeness.consent.protect;

import java.time.OffsetDateTime;
import java.util.UUID;

import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

/** Someone who may not be depicted unless they enrol and consent: a public figure, or an estate's request. */
@Entity
@Table(name = "protected_person")
public class ProtectedPerson {

    public enum Kind { PUBLIC_FIGURE, ESTATE_REQUEST }

    @Id
    public UUID id;
    public String name;
    @JdbcTypeCode(SqlTypes.ARRAY)
    public String[] aliases;
    @Enumerated(EnumType.STRING)
    public Kind kind;
    /** Their Keycloak subject once enrolled: their own consenting likeness in the scene lifts the protection. */
    public String subjectId;
    public String note;
    public OffsetDateTime createdAt;
    public OffsetDateTime updatedAt;
}
