package dev.likeness.notification.inbox;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

@Schema(name = "InboxPage")
@JsonInclude(JsonInclude.Include.NON_NULL)
public record InboxPage(List<NotificationView> items,
                        @Schema(description = "Pass as cursor for the next (older) page; absent on the last page") String nextCursor) {
}
