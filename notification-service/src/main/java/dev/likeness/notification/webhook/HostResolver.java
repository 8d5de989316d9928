package dev.likeness.notification.webhook;

import java.net.InetAddress;
import java.net.URI;
import java.time.Duration;
import java.util.List;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import io.netty.channel.nio.NioEventLoopGroup;
import io.netty.channel.socket.nio.NioDatagramChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.resolver.dns.DnsNameResolver;
import io.netty.resolver.dns.DnsNameResolverBuilder;
import io.netty.resolver.dns.DnsNameResolverTimeoutException;
import io.netty.resolver.dns.DnsServerAddressStreamProvider;
import io.netty.resolver.dns.DnsServerAddressStreamProviders;
import io.netty.util.concurrent.DefaultThreadFactory;
import io.netty.util.concurrent.FutureListener;
import io.smallrye.mutiny.TimeoutException;
import io.smallrye.mutiny.Uni;

/**
 * Endpoint hosts resolved without blocking, at registration and for each delivery, then judged by {@link TargetGuard}.
 * Netty's DNS resolver, the one Vert.x's asynchronous resolver is made of (Quarkus runs Vert.x on
 * the JDK's blocking lookup, {@code quarkus.vertx.use-async-dns=false}), on one event-loop thread
 * of its own: a lookup waiting for a slow name server holds no thread, so a slow domain delays
 * only its own deliveries, and none waits longer than {@code resolve-timeout}. It reads the hosts
 * file and resolv.conf (servers, search domains) as the system's resolver does.
 */
@ApplicationScoped
public class HostResolver {

    private final TargetGuard guard;
    private final Duration timeout;
    private final NioEventLoopGroup loop;
    private final DnsNameResolver dns;

    @Inject
    HostResolver(TargetGuard guard, WebhookConfig config) {
        this(guard, config.resolveTimeout(), DnsServerAddressStreamProviders.platformDefault());
    }

    /** Asking {@code servers}: tests give a name server that never answers. */
    HostResolver(TargetGuard guard, Duration timeout, DnsServerAddressStreamProvider servers) {
        this.guard = guard;
        this.timeout = timeout;
        this.loop = new NioEventLoopGroup(1, new DefaultThreadFactory("webhook-dns", true));
        this.dns = new DnsNameResolverBuilder(loop.next())
                .datagramChannelType(NioDatagramChannel.class)
                .socketChannelType(NioSocketChannel.class) // answers too long for UDP are asked again over TCP
                .queryTimeoutMillis(timeout.toMillis())
                .nameServerProvider(servers)
                .build();
    }

    /** A lookup the name servers left unanswered: it may succeed later, unlike a {@link TargetGuard.RefusedTarget}. */
    static final class TimedOut extends Exception {
        TimedOut(String reason) {
            super(reason);
        }
    }

    /**
     * The address to connect to, every address of the host judged; fails with {@link TimedOut}, or with
     * {@link TargetGuard.RefusedTarget} when the host does not resolve (whatever the lookup's error) or is not allowed.
     */
    public Uni<InetAddress> resolve(URI url) {
        String host = url.getHost().startsWith("[") ? url.getHost().substring(1, url.getHost().length() - 1) : url.getHost();
        return Uni.createFrom().<List<InetAddress>>emitter(emitter -> dns.resolveAll(host)
                        .addListener((FutureListener<List<InetAddress>>) lookup -> {
                            if (lookup.isSuccess()) {
                                emitter.complete(lookup.getNow());
                            } else {
                                emitter.fail(lookup.cause());
                            }
                        }))
                .ifNoItem().after(timeout).fail() // a query's timeout does not bound a lookup that asks several
                .onFailure().transform(failure -> unanswered(failure)
                        ? new TimedOut("host " + host + " did not resolve within " + timeout.toMillis() + " ms")
                        : new TargetGuard.RefusedTarget("host " + host + " does not resolve"))
                .chain(addresses -> {
                    try {
                        return Uni.createFrom().item(guard.judge(host, addresses));
                    } catch (TargetGuard.RefusedTarget refused) {
                        return Uni.createFrom().failure(refused);
                    }
                });
    }

    /** Our own timeout, or a query's: Netty reports one that timed out as the cause of an UnknownHostException. */
    private static boolean unanswered(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof TimeoutException || cause instanceof DnsNameResolverTimeoutException) {
                return true;
            }
        }
        return false;
    }

    @PreDestroy
    void close() {
        dns.close();
        loop.shutdownGracefully();
    }
}
