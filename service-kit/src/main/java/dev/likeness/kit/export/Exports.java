package dev.likeness.kit.export;

import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import dev.likeness.kit.http.ProblemException;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;

/**
 * A person's export (GDPR Art. 15 and 20), streamed as a JSON array of records read a page at a
 * time: however much a person has, an export holds one page in memory, and the next page is read
 * only once the client has taken the last (RESTEasy Reactive requests one item after each write).
 * Every export starts with the same record, {@link ExportAbout}: this service, the person, when.
 * A person streams one export at a time and an instance {@link ExportConfig#maxRunning()}.
 */
@ApplicationScoped
public class Exports {

    private static final Duration RETRY = Duration.ofSeconds(10);

    private final Semaphore running;
    private final Set<String> people = ConcurrentHashMap.newKeySet();
    private final Duration idleTimeout;
    private final String service;
    private final Clock clock;

    Exports(ExportConfig config, @ConfigProperty(name = "quarkus.application.name") String service, Clock clock) {
        running = new Semaphore(config.maxRunning());
        idleTimeout = config.idleTimeout();
        this.service = service;
        this.clock = clock;
    }

    /**
     * {@code records} as the person's export, after the record {@code about} makes of this
     * service's {@link ExportAbout}, once a slot is free: 409 {@code export-running} when the
     * person has one streaming, 503 when the instance has no slot. The slot is taken when the
     * stream starts, before anything is written, so a refusal is still a problem+json answer; it is
     * given back however the stream ends (done, failed, or the client gone).
     */
    public <T> Multi<T> stream(String person, Function<ExportAbout, T> about, Multi<T> records) {
        return Multi.createFrom().deferred(() -> {
            if (!people.add(person)) {
                throw new ProblemException(409, "export-running", "Export running",
                        "your export is still being sent; try again once it has finished").retryAfter(RETRY);
            }
            if (!running.tryAcquire()) {
                people.remove(person);
                throw ProblemException.unavailable("exports are busy on this instance", RETRY);
            }
            T first = about.apply(new ExportAbout(service, person, OffsetDateTime.now(clock)));
            return Multi.createBy().concatenating().streams(Multi.createFrom().item(first), records)
                    .ifNoItem().after(idleTimeout).fail()
                    .onTermination().invoke(() -> {
                        people.remove(person);
                        running.release();
                    });
        });
    }

    /**
     * A list read page after page until one comes back empty: {@code read} gets the position of
     * the previous page's last item ({@code null} first) and answers the next page in order.
     */
    public static <T, P> Multi<T> paged(Function<P, Uni<List<T>>> read, Function<T, P> position) {
        AtomicReference<P> after = new AtomicReference<>();
        return Multi.createBy().repeating()
                .uni(() -> read.apply(after.get()).invoke(page -> {
                    if (!page.isEmpty()) {
                        after.set(position.apply(page.get(page.size() - 1)));
                    }
                }))
                .until(List::isEmpty)
                .onItem().disjoint();
    }
}
