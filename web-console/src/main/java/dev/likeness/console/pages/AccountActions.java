package dev.likeness.console.pages;

import java.net.URI;
import java.util.List;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.NewCookie;
import jakarta.ws.rs.core.Response;

import org.jboss.resteasy.reactive.RestForm;
import org.jboss.resteasy.reactive.RestHeader;

import dev.likeness.console.i18n.ConsoleConfig;
import dev.likeness.console.i18n.Language;
import io.quarkus.qute.Template;
import io.quarkus.qute.TemplateInstance;

/** Choosing the language, signing out, and the page shown after signing out. */
@Path("/")
public class AccountActions {

    private final List<String> languages;
    private final Template signedOut;
    private final Language language;

    AccountActions(ConsoleConfig config, Template signedOut, Language language) {
        this.languages = config.languages();
        this.signedOut = signedOut;
        this.language = language;
    }

    /** Back to the page the form was on, when the browser says it was one of ours; else home. */
    @POST
    @Path("language")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response language(@RestForm String language, @RestHeader("Referer") String referer,
                             @RestHeader("Host") String host) {
        String back = "/";
        if (referer != null && host != null) {
            URI from = URI.create(referer.replace(" ", "%20"));
            if (host.equals(from.getRawAuthority()) && from.getRawPath() != null && from.getRawPath().startsWith("/")
                    && !from.getRawPath().startsWith("//")) {
                back = from.getRawPath();
            }
        }
        Response.ResponseBuilder answer = Response.seeOther(URI.create(back));
        if (languages.contains(language)) {
            answer.cookie(new NewCookie.Builder(Language.COOKIE).value(language).path("/").maxAge(365 * 24 * 3600)
                    .sameSite(NewCookie.SameSite.LAX).httpOnly(true).build());
        }
        return answer.build();
    }

    /** quarkus-oidc ends the session and Keycloak's on its logout path; this form guards it with CSRF. */
    @POST
    @Path("sign-out")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response signOut() {
        return Response.seeOther(URI.create("/logout")).build();
    }

    @GET
    @Path("signed-out")
    @Produces(MediaType.TEXT_HTML)
    public TemplateInstance signedOut() {
        return signedOut.instance().setLocale(language.locale()).data("locale", language.locale())
                .data("lang", language.tag());
    }
}
