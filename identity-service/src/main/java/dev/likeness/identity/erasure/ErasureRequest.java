package dev.likeness.identity.erasure;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

@Schema(name = "ErasureRequest")
public record ErasureRequest(
        @NotBlank @Size(max = 500)
        @Schema(description = "Why trust and safety erase the person; kept until the erasure completes", example = "The person asked support by letter")
        String reason) {
}
