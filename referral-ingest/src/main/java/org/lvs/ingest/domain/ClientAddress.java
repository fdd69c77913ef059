package org.lvs.ingest.domain;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;

/**
 * Who a self-referral comes from, for its rate limit (referral-contract.md, Self-referral: behind a proxy, the client
 * address is the one the configured trusted proxies forward; from anyone else, the peer's).
 *
 * <ul>
 * <li>A peer that is not a trusted proxy is the client: its forwarding headers are ignored (anyone can write them).</li>
 * <li>From a trusted proxy, the hops it forwards ({@code Forwarded: for=}, else {@code X-Forwarded-For}) are read
 * from the right: every trusted proxy is skipped, and the first address that is not one is the client. Entries left of
 * it were written by the client itself and are never believed. If that entry is no address ({@code unknown}, an
 * obfuscated id, garbage), the proxy that wrote it stands for the client.</li>
 * <li>The key of an IPv6 client is its /64 (one household or host often holds a whole /64).</li>
 * </ul>
 */
public final class ClientAddress {

    private final List<Cidr> trusted;

    public ClientAddress(List<Cidr> trusted) {
        this.trusted = List.copyOf(trusted);
    }

    /**
     * @param peer      the TCP peer's address as text
     * @param forwarded every {@code Forwarded} header value, in order
     * @param xff       every {@code X-Forwarded-For} header value, in order
     * @return the rate-limit key: an IPv4 address, an IPv6 /64 ({@code 2001:db8:0:1::/64}), or {@code unknown}
     */
    public String keyFor(String peer, List<String> forwarded, List<String> xff) {
        InetAddress peerAddress = Cidr.literal(stripBrackets(peer));
        if (peerAddress == null) {
            return "unknown";
        }
        if (!isTrusted(peerAddress)) {
            return key(peerAddress);
        }
        List<String> hops = forwarded.isEmpty() ? xffHops(xff) : forwardedHops(forwarded);
        InetAddress nearest = peerAddress;
        for (int i = hops.size() - 1; i >= 0; i--) {
            InetAddress hop = Cidr.literal(hostOf(hops.get(i)));
            if (hop == null) {
                return key(nearest);
            }
            if (!isTrusted(hop)) {
                return key(hop);
            }
            nearest = hop;
        }
        return key(nearest); // only our own proxies: the one furthest out stands for the client
    }

    private boolean isTrusted(InetAddress address) {
        for (Cidr cidr : trusted) {
            if (cidr.contains(address)) {
                return true;
            }
        }
        return false;
    }

    /** An IPv4 address as itself; an IPv6 address as its /64. */
    public static String key(InetAddress address) {
        if (address instanceof Inet6Address) {
            byte[] b = address.getAddress();
            return String.format(
                    "%x:%x:%x:%x::/64",
                    (b[0] & 0xff) << 8 | b[1] & 0xff,
                    (b[2] & 0xff) << 8 | b[3] & 0xff,
                    (b[4] & 0xff) << 8 | b[5] & 0xff,
                    (b[6] & 0xff) << 8 | b[7] & 0xff);
        }
        return address.getHostAddress();
    }

    /** The {@code for=} values of RFC 7239 elements, left to right; an element without one counts as unknown. */
    static List<String> forwardedHops(List<String> headers) {
        List<String> hops = new ArrayList<>();
        for (String header : headers) {
            for (String element : header.split(",")) {
                String forValue = "unknown";
                for (String pair : element.split(";")) {
                    int eq = pair.indexOf('=');
                    if (eq > 0 && pair.substring(0, eq).trim().equalsIgnoreCase("for")) {
                        forValue = unquote(pair.substring(eq + 1).trim());
                    }
                }
                hops.add(forValue);
            }
        }
        return hops;
    }

    static List<String> xffHops(List<String> headers) {
        List<String> hops = new ArrayList<>();
        for (String header : headers) {
            for (String hop : header.split(",")) {
                hops.add(hop.trim());
            }
        }
        return hops;
    }

    /** The address part of a hop: {@code [v6]:port}, {@code [v6]}, {@code v4:port}, a bare v6 or v4. */
    static String hostOf(String hop) {
        if (hop.startsWith("[")) {
            int end = hop.indexOf(']');
            return end < 0 ? hop : hop.substring(1, end);
        }
        int colon = hop.indexOf(':');
        if (colon > 0 && hop.indexOf(':', colon + 1) < 0) {
            return hop.substring(0, colon); // v4:port
        }
        return hop;
    }

    private static String stripBrackets(String text) {
        return text != null && text.startsWith("[") && text.endsWith("]") ? text.substring(1, text.length() - 1) : text;
    }

    private static String unquote(String value) {
        return value.length() >= 2 && value.startsWith("\"") && value.endsWith("\"")
                ? value.substring(1, value.length() - 1)
                : value;
    }
}
