package dev.likeness.notification;

import jakarta.enterprise.inject.Alternative;
import jakarta.inject.Singleton;

import io.quarkus.vertx.http.HttpServerOptionsCustomizer;
import io.vertx.core.http.HttpServerOptions;

/**
 * The HTTP server's sockets hold 8 KiB a client has not read, not the megabytes Linux lets a
 * loopback connection queue, so a test client that stops reading stalls its stream within a few
 * events. Enabled by the test profiles that need it.
 */
@Alternative
@Singleton
public class SmallSendBuffer implements HttpServerOptionsCustomizer {

    @Override
    public void customizeHttpServer(HttpServerOptions options) {
        options.setSendBufferSize(8192);
    }
}
