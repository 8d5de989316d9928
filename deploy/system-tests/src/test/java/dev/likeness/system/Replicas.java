package dev.likeness.system;

import static io.restassured.RestAssured.given;

import java.io.IOException;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;

/**
 * The instances of one service, as a load balancer spreads requests over them: in turn, and a
 * request whose instance does not answer (refused, or cut by a crash) is sent to the next one,
 * and that instance is left out from then on. The cut request may have been carried out: the
 * caller's request must be safe to repeat, or the caller must look for its effect.
 */
final class Replicas {

    private final List<String> urls;
    private final Set<String> gone = ConcurrentHashMap.newKeySet();
    private final AtomicInteger next = new AtomicInteger();

    private Replicas(List<String> urls) {
        this.urls = List.copyOf(urls);
    }

    static Replicas of(String... urls) {
        return new Replicas(List.of(urls));
    }

    Response send(Function<RequestSpecification, Response> request) {
        IOException last = null;
        for (int tried = 0; tried < urls.size(); tried++) {
            String url = pick();
            try {
                return request.apply(given().baseUri(url));
            } catch (Exception failure) {
                last = connectionFailure(failure);
                gone.add(url);
            }
        }
        throw new IllegalStateException("no instance answered: " + urls, last);
    }

    private String pick() {
        for (int i = 0; i < urls.size(); i++) {
            String url = urls.get(Math.floorMod(next.getAndIncrement(), urls.size()));
            if (!gone.contains(url)) {
                return url;
            }
        }
        return urls.get(0);
    }

    /** RestAssured throws the client's IOException as it is; anything else is the test's own failure. */
    private static IOException connectionFailure(Exception failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof IOException io) {
                return io;
            }
        }
        throw failure instanceof RuntimeException runtime ? runtime : new IllegalStateException(failure);
    }
}
