package dev.likeness.notification.erasure;

import java.time.OffsetDateTime;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;

/** identity-service: dev.likeness.identity.person.erased.v1, keyed by the person. */
public record PersonErased(@NotBlank String personId, @NotNull OffsetDateTime erasedAt) {

    public static final String TYPE = "dev.likeness.identity.person.erased.v1";
}
