package dev.likeness.console.services;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.rest.client.annotation.RegisterProvider;
import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

import io.quarkus.oidc.token.propagation.common.AccessToken;
import io.smallrye.mutiny.Multi;
import org.jboss.resteasy.reactive.client.SseEvent;

/** notification-service, called with the signed-in person's access token. */
@RegisterRestClient(configKey = "notification")
@RegisterProvider(ProblemResponses.class)
@AccessToken
@Path("/v1")
public interface NotificationApi {

    record Notification(UUID id, String type, String text, String actorId, UUID likenessId, UUID draftId, UUID grantId,
                        UUID requestId, UUID endpointId, OffsetDateTime createdAt, boolean read, boolean archived) {
    }

    record InboxPage(List<Notification> items, String nextCursor) {
    }

    record UnreadCount(long unread) {
    }

    record Updated(int updated) {
    }

    record Channels(Boolean inbox, Boolean stream, Boolean webhook) {
    }

    record Preference(String type, boolean critical, Channels channels) {
    }

    record Endpoint(UUID id, String url, String description, List<String> eventTypes, String language, boolean enabled,
                    String disabledReason, OffsetDateTime disabledAt, OffsetDateTime createdAt, String secret) {
    }

    record NewEndpoint(String url, String description, List<String> eventTypes, String language, Boolean enabled) {
    }

    record Attempt(OffsetDateTime attemptedAt, Integer responseStatus, String error, int durationMs) {
    }

    record Delivery(UUID id, String messageId, String type, String status, OffsetDateTime nextAttemptAt,
                    OffsetDateTime createdAt, OffsetDateTime finishedAt, List<Attempt> attempts) {
    }

    @GET
    @Path("notifications")
    InboxPage inbox(@QueryParam("limit") int limit, @QueryParam("cursor") String cursor, @QueryParam("type") List<String> types,
                    @QueryParam("unread") Boolean unread, @QueryParam("archived") Boolean archived,
                    @HeaderParam("Accept-Language") String language);

    @GET
    @Path("notifications/unread-count")
    UnreadCount unreadCount();

    @PUT
    @Path("notifications/{id}/read")
    void markRead(@PathParam("id") UUID id);

    @POST
    @Path("notifications/read")
    Updated markAllRead();

    @PUT
    @Path("notifications/{id}/archived")
    void archive(@PathParam("id") UUID id);

    /** Every notification after {@code lastEventId} (none: the next one), then live, until the token expires. */
    @GET
    @Path("notifications/stream")
    @Produces(MediaType.SERVER_SENT_EVENTS)
    Multi<SseEvent<String>> stream(@HeaderParam("Last-Event-ID") String lastEventId,
                                   @HeaderParam("Accept-Language") String language);

    @GET
    @Path("preferences")
    List<Preference> preferences();

    @PUT
    @Path("preferences/{type}")
    Preference setPreference(@PathParam("type") String type, Channels channels);

    @GET
    @Path("webhooks")
    List<Endpoint> webhooks();

    @POST
    @Path("webhooks")
    Endpoint createWebhook(NewEndpoint endpoint);

    @DELETE
    @Path("webhooks/{id}")
    void deleteWebhook(@PathParam("id") UUID id);

    @POST
    @Path("webhooks/{id}/secret")
    Endpoint rotateSecret(@PathParam("id") UUID id);

    @GET
    @Path("webhooks/{id}/deliveries")
    List<Delivery> deliveries(@PathParam("id") UUID id, @QueryParam("limit") int limit);
}
