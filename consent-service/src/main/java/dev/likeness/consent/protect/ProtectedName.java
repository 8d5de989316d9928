package dev.likeness.consent.protect;

import java.io.Serializable;
import java.util.UUID;

import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;

/** A protected person's name or alias, normalised for lookup. */
@Entity
@Table(name = "protected_name")
@IdClass(ProtectedName.Key.class)
public class ProtectedName {

    public record Key(String normalized, UUID protectedPersonId) implements Serializable {
    }

    @Id
    public String normalized;
    @Id
    public UUID protectedPersonId;
}
