package dev.likeness.consent.protect;

import java.time.OffsetDateTime;
import java.util.HashSet;
import java.util.Set;
import java.util.UUID;

import jakarta.persistence.CollectionTable;
import jakarta.persistence.Column;
import jakarta.persistence.ElementCollection;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
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
    /** The name and aliases, normalised, for the check's lookup: derived by {@link ProtectedPersons}, never read back. */
    @ElementCollection
    @CollectionTable(name = "protected_name", joinColumns = @JoinColumn(name = "protected_person_id"))
    @Column(name = "normalized")
    public Set<String> names = new HashSet<>();
    public OffsetDateTime createdAt;
    public OffsetDateTime updatedAt;
}
