package dev.likeness.notification.webhook;

import java.util.List;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

@Schema(name = "EndpointRequest")
public record EndpointRequest(
        @NotBlank @Size(max = 2000) @Schema(example = "https://hooks.example.com/likeness") String url,
        @Size(max = 500) String description,
        @Size(max = 20) @Schema(description = "Notification types to deliver, e.g. draft.created; absent or empty for all")
        List<@NotBlank String> eventTypes,
        @Pattern(regexp = "[a-z]{2,3}(-[A-Za-z0-9]{2,8})*") @Schema(description = "Language of texts in payloads", example = "en")
        String language,
        @Schema(description = "On update: false pauses deliveries, true resumes a disabled endpoint") Boolean enabled) {
}
