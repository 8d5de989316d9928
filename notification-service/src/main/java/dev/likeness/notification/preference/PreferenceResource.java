package dev.likeness.notification.preference;

import java.util.List;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.jwt.JsonWebToken;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import dev.likeness.kit.http.ProblemException;
import dev.likeness.kit.http.Roles;
import dev.likeness.notification.inbox.NotificationType;
import dev.likeness.notification.inbox.Recipient;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Uni;

/** The caller's own notification preferences, per type and channel. */
@Path("/v1/preferences")
@RolesAllowed({Roles.USER, Roles.PLATFORM})
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Preferences")
public class PreferenceResource {

    @Inject Preferences preferences;
    @Inject JsonWebToken token;
    @Inject SecurityIdentity identity;

    @GET
    @Operation(operationId = "listPreferences", summary = "Every notification type with the channels it reaches")
    public Uni<List<PreferenceView>> all() {
        return preferences.all(Recipient.of(token, identity));
    }

    @PUT
    @Path("/{type}")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(operationId = "setPreference", summary = "Choose the channels of one type",
            description = "Critical types (draft.created, likeness.suspended, likeness.deleted) cannot be switched off: 422.")
    public Uni<PreferenceView> set(@PathParam("type") String type, @NotNull @Valid Channels channels) {
        NotificationType known = NotificationType.byKey(type)
                .orElseThrow(() -> ProblemException.notFound("notification type '" + type + "'"));
        return preferences.set(Recipient.of(token, identity), known, channels);
    }
}
