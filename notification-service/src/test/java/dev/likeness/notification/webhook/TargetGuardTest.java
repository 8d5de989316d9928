package dev.likeness.notification.webhook;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import io.netty.resolver.dns.DnsServerAddressStreamProviders;
import io.netty.resolver.dns.SingletonDnsServerAddressStreamProvider;
import io.smallrye.mutiny.helpers.test.UniAssertSubscriber;

/** The SSRF guard of production: https only, public addresses only, judged as {@link HostResolver} resolves. */
class TargetGuardTest {

    private static final Duration WAIT = Duration.ofSeconds(10);

    private final TargetGuard production = new TargetGuard(true, false);
    /** IP literals and the hosts file's names: no name server asked. */
    private final HostResolver resolver = new HostResolver(production, WAIT, DnsServerAddressStreamProviders.platformDefault());

    @AfterEach
    void close() {
        resolver.close();
    }

    @Test
    void privateLoopbackAndReservedAddressesAreRefused() throws Exception {
        for (String address : new String[] {"127.0.0.1", "10.1.2.3", "172.16.0.1", "192.168.1.1", "169.254.169.254",
                "100.64.0.1", "0.0.0.0", "224.0.0.1", "::1", "fd00::1", "fe80::1", "::ffff:10.0.0.1", "64:ff9b::a00:1",
                "192.0.2.1", "198.51.100.7", "203.0.113.9", "192.88.99.1",
                // IPv6 forms of a private IPv4 address, tunnels that hide one, and reserved ranges
                "2002:7f00:1::1", "2002:a00:1::", "::127.0.0.1", "::a00:1", "2001:0:4136:e378:8000:63bf:3fff:fdd2",
                "64:ff9b:1::a00:1", "2001:db8::1", "100::1"}) {
            assertFalse(TargetGuard.isPublic(InetAddress.getByName(address)), address);
            lookup(resolver, "https://" + (address.contains(":") ? "[" + address + "]" : address) + "/h")
                    .awaitFailure(WAIT).assertFailedWith(TargetGuard.RefusedTarget.class, "resolves to a non-public address");
        }
        lookup(resolver, "https://localhost/hook")
                .awaitFailure(WAIT).assertFailedWith(TargetGuard.RefusedTarget.class, "resolves to a non-public address");
    }

    /** Whatever the lookup's error, a host that does not resolve is refused; one the name servers leave unanswered times out. */
    @Test
    void aHostThatDoesNotResolveIsRefusedAndOneUnansweredTimesOut() throws Exception {
        try (DatagramSocket silent = new DatagramSocket(0, InetAddress.getLoopbackAddress())) {
            HostResolver unanswered = new HostResolver(production, Duration.ofMillis(300),
                    new SingletonDnsServerAddressStreamProvider((InetSocketAddress) silent.getLocalSocketAddress()));
            try {
                lookup(unanswered, "https://hook.example/h")
                        .awaitFailure(WAIT).assertFailedWith(HostResolver.TimedOut.class, "host hook.example did not resolve within 300 ms");
                lookup(unanswered, "https://" + "a".repeat(64) + ".example/h") // a label longer than DNS allows
                        .awaitFailure(WAIT).assertFailedWith(TargetGuard.RefusedTarget.class, "does not resolve");
            } finally {
                unanswered.close();
            }
        }
    }

    @Test
    void publicHttpsTargetsPass() throws Exception {
        assertTrue(TargetGuard.isPublic(InetAddress.getByName("93.184.215.14")));
        assertTrue(TargetGuard.isPublic(InetAddress.getByName("2606:2800:21f:cb07:6820:80da:af6b:8b2c")));
        assertTrue(TargetGuard.isPublic(InetAddress.getByName("2002:5db8:d70e::1")), "6to4 of a public address");
        assertTrue(TargetGuard.isPublic(InetAddress.getByName("64:ff9b::5db8:d70e")), "NAT64 of a public address");
        URI uri = production.parse("https://93.184.215.14:8443/hooks?x=1");
        assertEquals(InetAddress.getByName("93.184.215.14"), lookup(resolver, uri.toString()).awaitItem(WAIT).getItem());
    }

    @Test
    void urlsMustBeAbsoluteHttpsWithoutCredentials() {
        for (String url : new String[] {"http://93.184.215.14/h", "ftp://93.184.215.14/", "/relative", "https://user:pw@93.184.215.14/",
                "not a url", "https:///nohost"}) {
            assertThrows(TargetGuard.RefusedTarget.class, () -> production.parse(url), url);
        }
        assertDoesNotThrow(() -> new TargetGuard(false, true).parse("http://127.0.0.1:9999/h"));
    }

    @Test
    void retryAfterIsReadInSecondsOrAsADate() {
        OffsetDateTime now = OffsetDateTime.of(2026, 3, 1, 12, 0, 0, 0, ZoneOffset.UTC);
        assertEquals(Duration.ofSeconds(120), WebhookDispatcher.retryAfter("120", now));
        assertEquals(Duration.ofMinutes(10), WebhookDispatcher.retryAfter(DateTimeFormatter.RFC_1123_DATE_TIME.format(now.plusMinutes(10)), now));
        assertEquals(Duration.ZERO, WebhookDispatcher.retryAfter(DateTimeFormatter.RFC_1123_DATE_TIME.format(now.minusMinutes(1)), now));
        assertEquals(null, WebhookDispatcher.retryAfter("soon", now));
    }

    private static UniAssertSubscriber<InetAddress> lookup(HostResolver resolver, String url) {
        return resolver.resolve(URI.create(url)).subscribe().withSubscriber(UniAssertSubscriber.create());
    }
}
