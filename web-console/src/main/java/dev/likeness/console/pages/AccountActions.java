package dev.likeness.console.pages;

import java.net.URI;
import java.util.List;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.CookieParam;
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

/** Choosing the language, signing out, and the pages shown after signing out. */
@Path("/")
public class AccountActions {

    /**
     * Set when signing out after an erasure: Keycloak's logout comes back to {@code /signed-out}
     * whatever the reason, and this tells that page to send the person on to "erasure under way".
     */
    private static final String ERASURE_COOKIE = "likeness-erasure";

    private final List<String> languages;
    private final Template signedOut;
    private final Template erasureUnderWay;
    private final Language language;

    AccountActions(ConsoleConfig config, Template signedOut, Template erasureUnderWay, Language language) {
        this.languages = config.languages();
        this.signedOut = signedOut;
        this.erasureUnderWay = erasureUnderWay;
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
        return toLogout().build();
    }

    /** The same sign-out, for a person whose erasure identity-service accepted; its marker lives a few minutes at most. */
    static Response signOutAfterErasure() {
        return toLogout().cookie(erasureMarker("under-way", 300)).build();
    }

    @GET
    @Path("signed-out")
    @Produces(MediaType.TEXT_HTML)
    public Response signedOut(@CookieParam(ERASURE_COOKIE) String erasure) {
        if (erasure != null) {
            return Response.seeOther(URI.create("/erasure-under-way")).cookie(erasureMarker("", 0)).build();
        }
        return Response.ok(publicPage(signedOut)).build();
    }

    /** Shown without a session: the person is signed out, and their account is about to go. */
    @GET
    @Path("erasure-under-way")
    @Produces(MediaType.TEXT_HTML)
    public TemplateInstance erasureUnderWay() {
        return publicPage(erasureUnderWay);
    }

    private static Response.ResponseBuilder toLogout() {
        return Response.seeOther(URI.create("/logout"));
    }

    private static NewCookie erasureMarker(String value, int maxAge) {
        return new NewCookie.Builder(ERASURE_COOKIE).value(value).path("/signed-out").maxAge(maxAge)
                .sameSite(NewCookie.SameSite.LAX).httpOnly(true).build();
    }

    private TemplateInstance publicPage(Template template) {
        return template.instance().setLocale(language.locale()).data("locale", language.locale()).data("lang", language.tag());
    }
}
