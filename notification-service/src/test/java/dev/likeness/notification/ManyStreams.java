package dev.likeness.notification;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Flow;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Pattern;

/**
 * Many live streams opened at once over HTTP/1.1, one per request given, a connection each (as
 * browsers' EventSource mostly does), counting the streams that said they are open, those that got
 * an event and those the server closed.
 */
final class ManyStreams implements AutoCloseable {

    /** A 200 is sent before the stream knows where it starts: its ": open" comment says it does. */
    private static final Pattern OPEN = Pattern.compile("(?m)^: ?open\\r?$");

    final AtomicInteger opened = new AtomicInteger();
    final AtomicInteger received = new AtomicInteger();
    final AtomicInteger closed = new AtomicInteger();
    private final List<Flow.Subscription> subscriptions = new CopyOnWriteArrayList<>();
    private final List<StringBuilder> texts = new CopyOnWriteArrayList<>();

    /** Two threads for the client's own work, so the JVM's thread count shows the server's. */
    private final ExecutorService clientThreads = Executors.newFixedThreadPool(2);

    ManyStreams(List<HttpRequest> requests) throws Exception {
        HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).executor(clientThreads).build();
        List<CompletableFuture<HttpResponse<Flow.Publisher<List<ByteBuffer>>>>> pending = new ArrayList<>();
        for (HttpRequest request : requests) {
            pending.add(client.sendAsync(request, HttpResponse.BodyHandlers.ofPublisher()));
        }
        for (var answer : pending) {
            HttpResponse<Flow.Publisher<List<ByteBuffer>>> response = answer.get(60, TimeUnit.SECONDS);
            assertEquals(200, response.statusCode());
            response.body().subscribe(new Counting());
        }
    }

    /** What the first stream received so far, as it came over the wire. */
    String firstText() {
        StringBuilder text = texts.get(0);
        synchronized (text) {
            return text.toString();
        }
    }

    @Override
    public void close() {
        subscriptions.forEach(Flow.Subscription::cancel);
        clientThreads.shutdown();
    }

    private final class Counting implements Flow.Subscriber<List<ByteBuffer>> {

        private final StringBuilder text = new StringBuilder();

        @Override
        public void onSubscribe(Flow.Subscription subscription) {
            texts.add(text);
            subscriptions.add(subscription);
            subscription.request(Long.MAX_VALUE);
        }

        @Override
        public void onNext(List<ByteBuffer> chunks) {
            synchronized (text) {
                boolean wasOpen = OPEN.matcher(text).find();
                boolean hadData = text.indexOf("data:") >= 0;
                chunks.forEach(chunk -> text.append(StandardCharsets.UTF_8.decode(chunk)));
                if (!wasOpen && OPEN.matcher(text).find()) {
                    opened.incrementAndGet();
                }
                if (!hadData && text.indexOf("data:") >= 0) {
                    received.incrementAndGet();
                }
            }
        }

        @Override
        public void onError(Throwable failure) {
        }

        @Override
        public void onComplete() {
            closed.incrementAndGet();
        }
    }
}
