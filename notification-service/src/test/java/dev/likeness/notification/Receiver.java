package dev.likeness.notification;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;

import com.standardwebhooks.Webhook;
import com.sun.net.httpserver.HttpServer;

/**
 * A webhook receiver on 127.0.0.1 that answers with the statuses it is given (200 once they run
 * out), holding each request until released if asked to, and checks every request with the
 * Standard Webhooks reference library.
 */
final class Receiver implements AutoCloseable {

    record Request(Map<String, List<String>> headers, String body, int answered) {

        String header(String name) {
            return headers.entrySet().stream().filter(e -> e.getKey().equalsIgnoreCase(name))
                    .map(e -> e.getValue().get(0)).findFirst().orElse(null);
        }

        /** Throws unless some signature verifies with the secret. */
        void verify(String secret) throws Exception {
            new Webhook(secret).verify(body, headers);
        }
    }

    private final HttpServer server;
    /** A thread per request being answered, so that a held request does not keep the next from arriving. */
    private final ExecutorService handlers = Executors.newCachedThreadPool();
    private final BlockingQueue<Integer> answers = new LinkedBlockingQueue<>();
    private volatile CountDownLatch release = new CountDownLatch(0);
    final List<Request> requests = new CopyOnWriteArrayList<>();

    Receiver() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.setExecutor(handlers);
        server.createContext("/hook", exchange -> {
            String body;
            try (InputStream in = exchange.getRequestBody()) {
                body = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            }
            Integer status = answers.poll();
            int answer = status == null ? 200 : status;
            requests.add(new Request(Map.copyOf(exchange.getRequestHeaders()), body, answer));
            try {
                release.await();
            } catch (InterruptedException closing) {
                Thread.currentThread().interrupt();
                return;
            }
            if (answer == 503) {
                exchange.getResponseHeaders().add("Retry-After", "1");
            }
            exchange.sendResponseHeaders(answer, -1);
            exchange.close();
        });
        server.start();
    }

    Receiver answering(int... statuses) {
        for (int status : statuses) {
            answers.add(status);
        }
        return this;
    }

    /** Requests are received (and listed) at once, answered when {@code latch} opens. */
    Receiver heldUntil(CountDownLatch latch) {
        release = latch;
        return this;
    }

    String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/hook";
    }

    @Override
    public void close() {
        server.stop(0);
        handlers.shutdownNow();
    }
}
