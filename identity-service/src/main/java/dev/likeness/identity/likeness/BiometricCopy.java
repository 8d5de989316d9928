package dev.likeness.identity.likeness;

import java.time.OffsetDateTime;

import com.fasterxml.jackson.annotation.JsonInclude;

import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import dev.likeness.identity.biometric.BiometricVault;

/** Biometric data of the owner's likeness, decrypted for their export. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@Schema(name = "BiometricCopy", description = "Biometric data kept of the likeness, decrypted")
public record BiometricCopy(
        @Schema(example = "image/jpeg") String mediaType,
        @Schema(type = SchemaType.STRING, format = "byte", description = "The content, base64 (RFC 4648, with padding)") byte[] data,
        @Schema(description = "When it was kept: the verification") OffsetDateTime keptAt,
        @Schema(description = "When its retention ends and it is deleted; absent: kept until the likeness is deleted")
        OffsetDateTime deleteAfter) {

    static BiometricCopy of(BiometricVault.Content content) {
        return content == null ? null : new BiometricCopy(content.mediaType(), content.bytes(), content.keptAt(), content.deleteAfter());
    }
}
