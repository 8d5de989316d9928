package dev.likeness.console.pages;

import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.function.BiFunction;
import java.util.function.Supplier;

import jakarta.ws.rs.core.Response;

import jakarta.enterprise.context.RequestScoped;

import org.eclipse.microprofile.context.ManagedExecutor;
import org.eclipse.microprofile.rest.client.inject.RestClient;

import dev.likeness.console.i18n.Language;
import dev.likeness.console.i18n.Texts;
import dev.likeness.console.people.People;
import dev.likeness.console.services.ConsentApi;
import dev.likeness.console.services.NotificationApi;
import dev.likeness.console.services.ServiceProblem;
import io.quarkus.qute.Template;
import io.quarkus.qute.TemplateInstance;

/**
 * What every page shows around its content: the person, their language, the unread count of the
 * bell, the navigation; and the person's likeness, which most pages are about.
 */
@RequestScoped
public class Pages {

    private final Session session;
    private final Language language;
    private final People people;
    private final NotificationApi notifications;
    private final ConsentApi consent;
    private final ManagedExecutor executor;
    private CompletableFuture<Long> unread;

    Pages(Session session, Language language, People people, @RestClient NotificationApi notifications,
          @RestClient ConsentApi consent, ManagedExecutor executor) {
        this.executor = executor;
        this.session = session;
        this.language = language;
        this.people = people;
        this.notifications = notifications;
        this.consent = consent;
    }

    /**
     * A service call run beside the request's others (with its context: the person's token), so a
     * page asking three services waits for the slowest, not for the sum.
     */
    public <T> CompletableFuture<T> async(Supplier<T> call) {
        return executor.supplyAsync(call);
    }

    /** The bell's count, asked as early as a page likes; {@link #render} asks it otherwise. */
    public void askUnread() {
        if (unread == null) {
            unread = async(() -> {
                try {
                    return notifications.unreadCount().unread();
                } catch (ServiceProblem | jakarta.ws.rs.ProcessingException unavailable) {
                    return -1L; // the bell shows "?" rather than the page failing
                }
            });
        }
    }

    /** The value of a call made with {@link #async}, its failure thrown as the call threw it. */
    public static <T> T join(CompletableFuture<T> call) {
        try {
            return call.join();
        } catch (java.util.concurrent.CompletionException failed) {
            if (failed.getCause() instanceof RuntimeException cause) {
                throw cause;
            }
            throw failed;
        }
    }

    /** The page's template with the header's data; {@code page} names the current navigation entry. */
    public TemplateInstance render(Template template, String page) {
        askUnread();
        return template.instance()
                .setLocale(language.locale())
                .data("locale", language.locale())
                .data("lang", language.tag())
                .data("page", page)
                .data("session", session)
                .data("people", people)
                .data("unread", join(unread));
    }

    /** The person's likeness as consent-service knows it (verified or suspended), if they have one. */
    public Optional<ConsentApi.Likeness> likeness() {
        return consent.likenesses().stream().findFirst();
    }

    /**
     * A form's change (POST-redirect-GET): the call, then 303 to {@code back} noting what was done;
     * or, when the service refuses, the form's page again with the service's problem and status.
     */
    public Response change(Runnable call, String back, String done, BiFunction<ProblemView, Integer, Response> again) {
        try {
            call.run();
            return Redirects.seeOther(back, done);
        } catch (ServiceProblem problem) {
            return again.apply(problem(problem), problem.status());
        }
    }

    /** The problem in the person's language: texts {@code problem.<code>} and {@code problem.<code>.detail}. */
    public ProblemView problem(ServiceProblem problem) {
        Locale locale = language.locale();
        String code = problem.code();
        String title = Texts.has(locale, "problem." + code) ? Texts.text(locale, "problem." + code)
                : problem.problem().title();
        String detail = Texts.has(locale, "problem." + code + ".detail") ? Texts.text(locale, "problem." + code + ".detail")
                : problem.problem().detail();
        java.util.List<String> fields = problem.problem().errors() == null ? java.util.List.of()
                : problem.problem().errors().stream().map(e -> e.field() + ": " + e.message()).toList();
        Long minutes = null;
        if (problem.retryAfter() != null && problem.retryAfter().matches("\\d{1,9}")) {
            minutes = (Long.parseLong(problem.retryAfter()) + 59) / 60;
        }
        return new ProblemView(problem.status(), code, title, detail, fields, minutes);
    }

    public boolean has(String key) {
        return Texts.has(language.locale(), key);
    }

    public String text(String key, Object... args) {
        return Texts.text(language.locale(), key, args);
    }
}
