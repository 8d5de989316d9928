package dev.likeness.consent.erasure;

import java.time.OffsetDateTime;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;

/** identity-service: the person asked to be erased, or trust and safety erased them (deploy/events/schemas). */
public record PersonErased(@NotBlank String personId, @NotNull OffsetDateTime erasedAt) {

    public static final String TYPE = "dev.likeness.identity.person.erased.v1";
}
