package org.lvs.ingest.domain;

import io.netty.util.NetUtil;
import java.net.InetAddress;
import java.net.UnknownHostException;

/**
 * An address block ({@code 10.0.0.0/8}, {@code 2001:db8::/32}) or a single address. Only literal addresses are
 * parsed: never a host name, so nothing here waits for DNS.
 */
public record Cidr(byte[] network, int prefix) {

    /** @throws IllegalArgumentException when the text is no address literal with an optional prefix length */
    public static Cidr parse(String text) {
        String trimmed = text.trim();
        int slash = trimmed.indexOf('/');
        InetAddress address = literal(slash < 0 ? trimmed : trimmed.substring(0, slash));
        if (address == null) {
            throw new IllegalArgumentException("not an IP address or CIDR block: " + text);
        }
        byte[] bytes = address.getAddress();
        int prefix = bytes.length * 8;
        if (slash >= 0) {
            try {
                prefix = Integer.parseInt(trimmed.substring(slash + 1));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("not a prefix length: " + text);
            }
            if (prefix < 0 || prefix > bytes.length * 8) {
                throw new IllegalArgumentException("prefix length out of range: " + text);
            }
        }
        return new Cidr(bytes, prefix);
    }

    public boolean contains(InetAddress address) {
        byte[] bytes = address.getAddress();
        if (bytes.length != network.length) {
            return false;
        }
        int full = prefix / 8;
        for (int i = 0; i < full; i++) {
            if (bytes[i] != network[i]) {
                return false;
            }
        }
        int rest = prefix % 8;
        if (rest == 0) {
            return true;
        }
        int mask = 0xff << (8 - rest) & 0xff;
        return (bytes[full] & mask) == (network[full] & mask);
    }

    /**
     * An IPv4 or IPv6 literal (an IPv4-mapped IPv6 address becomes IPv4), or null for anything else: a host name,
     * {@code unknown}, an obfuscated RFC 7239 identifier, garbage.
     */
    public static InetAddress literal(String text) {
        if (text == null || text.isEmpty() || text.length() > 64) {
            return null;
        }
        byte[] bytes = NetUtil.createByteArrayFromIpAddressString(text);
        if (bytes == null) {
            return null;
        }
        try {
            return InetAddress.getByAddress(bytes); // no lookup: the bytes are given
        } catch (UnknownHostException e) {
            return null;
        }
    }
}
