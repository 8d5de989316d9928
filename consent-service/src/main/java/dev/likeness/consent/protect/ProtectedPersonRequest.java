package dev.likeness.consent.protect;

import java.util.List;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import dev.likeness.consent.common.PersonIds;

@Schema(name = "ProtectedPersonRequest")
public record ProtectedPersonRequest(
        @NotBlank @Size(max = 200) String name,
        @Size(max = 50) List<@NotBlank @Size(max = 200) String> aliases,
        @NotNull ProtectedPerson.Kind kind,
        @Size(max = 255) @Pattern(regexp = PersonIds.PATTERN, message = PersonIds.MESSAGE)
        @Schema(description = "Their Keycloak subject, once they enrolled") String subjectId,
        @Size(max = 2000) String note) {
}
