package dev.likeness.notification.preference;

import jakarta.validation.constraints.NotNull;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** Where one type of notification goes. Email is not a channel yet. */
@Schema(name = "Channels")
public record Channels(@NotNull @Schema(description = "Kept in the inbox") Boolean inbox,
                       @NotNull @Schema(description = "Sent on open live streams") Boolean stream,
                       @NotNull @Schema(description = "Delivered to the webhook endpoints that subscribe to the type") Boolean webhook) {

    public static final Channels ALL = new Channels(true, true, true);

    public boolean none() {
        return !inbox && !stream && !webhook;
    }

    public boolean all() {
        return inbox && stream && webhook;
    }
}
