package dev.likeness.notification.webhook;

import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.List;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;

import io.netty.channel.nio.NioEventLoopGroup;
import io.netty.channel.socket.nio.NioDatagramChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.resolver.dns.DnsNameResolver;
import io.netty.resolver.dns.DnsNameResolverBuilder;
import io.netty.util.concurrent.DefaultThreadFactory;
import io.netty.util.concurrent.FutureListener;
import io.smallrye.mutiny.Uni;

/**
 * Endpoint hosts resolved for the dispatcher without blocking, then judged by {@link TargetGuard}.
 * Netty's DNS resolver, the one Vert.x's asynchronous resolver is made of (Quarkus runs Vert.x on
 * the JDK's blocking lookup, {@code quarkus.vertx.use-async-dns=false}), on one event-loop thread
 * of its own: a lookup waiting for a slow name server holds no thread, so a slow domain delays
 * only its own deliveries, and none waits longer than {@code resolve-timeout}. It reads the hosts
 * file and resolv.conf (servers, search domains) as the system's resolver does.
 */
@ApplicationScoped
public class HostResolver {

    private final TargetGuard guard;
    private final WebhookConfig config;
    private final NioEventLoopGroup loop;
    private final DnsNameResolver dns;

    HostResolver(TargetGuard guard, WebhookConfig config) {
        this.guard = guard;
        this.config = config;
        this.loop = new NioEventLoopGroup(1, new DefaultThreadFactory("webhook-dns", true));
        this.dns = new DnsNameResolverBuilder(loop.next())
                .datagramChannelType(NioDatagramChannel.class)
                .socketChannelType(NioSocketChannel.class) // answers too long for UDP are asked again over TCP
                .queryTimeoutMillis(config.resolveTimeout().toMillis())
                .build();
    }

    /** The address to connect to, every address of the host judged; fails with {@link TargetGuard.RefusedTarget}. */
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
                .ifNoItem().after(config.resolveTimeout()).failWith(() -> new TargetGuard.RefusedTarget(
                        "host " + host + " did not resolve within " + config.resolveTimeout().toMillis() + " ms"))
                .onFailure(UnknownHostException.class).transform(unknown -> new TargetGuard.RefusedTarget("host " + host + " does not resolve"))
                .chain(addresses -> {
                    try {
                        return Uni.createFrom().item(guard.judge(host, addresses));
                    } catch (TargetGuard.RefusedTarget refused) {
                        return Uni.createFrom().failure(refused);
                    }
                });
    }

    @PreDestroy
    void close() {
        dns.close();
        loop.shutdownGracefully();
    }
}
