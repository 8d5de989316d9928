package dev.likeness.notification.webhook;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.URI;
import java.util.Arrays;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/**
 * Where webhooks may go (SSRF guard). An endpoint must be an absolute http(s) URL without user
 * info; outside the local profiles it must be https and every address its host resolves to must
 * be public ({@link HostResolver} resolves, {@link #judge} checks). The dispatcher connects to the
 * address judged, so a DNS answer that changes between check and connection (rebinding) cannot
 * redirect a delivery.
 */
@ApplicationScoped
public class TargetGuard {

    /** The 96-bit prefixes after which an IPv6 address is an IPv4 one: NAT64, IPv4-mapped, IPv4-compatible. */
    private static final List<byte[]> V4_EMBEDDINGS = List.of(
            new byte[] {0, 0x64, (byte) 0xff, (byte) 0x9b, 0, 0, 0, 0, 0, 0, 0, 0},
            new byte[] {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, (byte) 0xff, (byte) 0xff},
            new byte[12]);

    private final boolean requireHttps;
    private final boolean allowPrivate;

    @Inject
    TargetGuard(WebhookConfig config) {
        this(config.requireHttps(), config.allowPrivateAddresses());
    }

    TargetGuard(boolean requireHttps, boolean allowPrivate) {
        this.requireHttps = requireHttps;
        this.allowPrivate = allowPrivate;
    }

    public static class RefusedTarget extends Exception {
        RefusedTarget(String reason) {
            super(reason);
        }
    }

    /** The URL's syntax and scheme; no network. */
    public URI parse(String url) throws RefusedTarget {
        URI uri;
        try {
            uri = new URI(url);
        } catch (Exception e) {
            throw new RefusedTarget("not a URL");
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase();
        if (!uri.isAbsolute() || uri.getHost() == null || !(scheme.equals("https") || scheme.equals("http"))) {
            throw new RefusedTarget("must be an absolute http(s) URL with a host");
        }
        if (requireHttps && !scheme.equals("https")) {
            throw new RefusedTarget("must use https");
        }
        if (uri.getUserInfo() != null || uri.getFragment() != null) {
            throw new RefusedTarget("must not carry user info or a fragment");
        }
        return uri;
    }

    /** The address to connect to: the first the host resolved to, after checking all of them. */
    InetAddress judge(String host, List<InetAddress> addresses) throws RefusedTarget {
        if (addresses.isEmpty()) {
            throw new RefusedTarget("host " + host + " does not resolve");
        }
        if (!allowPrivate) {
            for (InetAddress address : addresses) {
                if (!isPublic(address)) {
                    throw new RefusedTarget("host " + host + " resolves to a non-public address");
                }
            }
        }
        return addresses.get(0);
    }

    static boolean isPublic(InetAddress address) {
        if (address.isAnyLocalAddress() || address.isLoopbackAddress() || address.isLinkLocalAddress()
                || address.isSiteLocalAddress() || address.isMulticastAddress()) {
            return false;
        }
        byte[] b = address.getAddress();
        if (address instanceof Inet6Address) {
            return isPublicV6(b);
        }
        return address instanceof Inet4Address && isPublicV4(b);
    }

    /** IPv6 forms that carry an IPv4 address are judged by that address; tunnels that hide it are refused. */
    private static boolean isPublicV6(byte[] b) {
        int head = (b[0] & 0xff) << 8 | b[1] & 0xff;
        int next = (b[2] & 0xff) << 8 | b[3] & 0xff;
        if ((b[0] & 0xfe) == 0xfc) {
            return false; // fc00::/7 unique local
        }
        if (head == 0x2002) {
            return isPublicV4(Arrays.copyOfRange(b, 2, 6)); // 6to4
        }
        if (head == 0x2001 && (next == 0 || next == 0x0db8)) {
            return false; // Teredo (its client address is obfuscated), documentation
        }
        if (head == 0x0064 && next == 0xff9b && b[4] == 0 && b[5] == 1) {
            return false; // 64:ff9b:1::/48, NAT64 for local use: any IPv4 behind it
        }
        if (head == 0x0100 && Arrays.equals(Arrays.copyOfRange(b, 2, 8), new byte[6])) {
            return false; // 100::/64 discard only
        }
        byte[] prefix = Arrays.copyOf(b, 12);
        for (byte[] embedding : V4_EMBEDDINGS) {
            if (Arrays.equals(prefix, embedding)) {
                return isPublicV4(Arrays.copyOfRange(b, 12, 16));
            }
        }
        return true;
    }

    private static boolean isPublicV4(byte[] b) {
        int first = b[0] & 0xff;
        int second = b[1] & 0xff;
        List<Boolean> reserved = List.of(
                first == 0, first == 10, first == 127, first >= 224,
                first == 100 && second >= 64 && second <= 127,   // carrier-grade NAT
                first == 169 && second == 254,
                first == 172 && second >= 16 && second <= 31,
                first == 192 && second == 168,
                first == 192 && second == 0 && ((b[2] & 0xff) == 0 || (b[2] & 0xff) == 2),
                first == 192 && second == 88 && (b[2] & 0xff) == 99,       // 6to4 relays
                first == 198 && (second == 18 || second == 19),            // benchmarking
                first == 198 && second == 51 && (b[2] & 0xff) == 100,      // documentation
                first == 203 && second == 0 && (b[2] & 0xff) == 113);      // documentation
        return !reserved.contains(true);
    }
}
