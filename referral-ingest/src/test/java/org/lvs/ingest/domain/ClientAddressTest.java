package org.lvs.ingest.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Who a self-referral comes from (referral-contract.md, Self-referral), for the rate limit. */
class ClientAddressTest {

    static final ClientAddress NONE_TRUSTED = new ClientAddress(List.of());
    static final ClientAddress BEHIND_INGRESS = new ClientAddress(
            List.of(Cidr.parse("10.0.0.0/8"), Cidr.parse("2001:db8:ffff::/48"), Cidr.parse("192.0.2.10")));

    @Test
    void withoutTrustedProxiesThePeerIsTheClientWhateverTheHeadersSay() {
        assertEquals(
                "203.0.113.9",
                NONE_TRUSTED.keyFor("203.0.113.9", List.of("for=198.51.100.1"), List.of("198.51.100.1")));
    }

    @Test
    void anUntrustedPeerIsTheClientEvenWithForwardingHeaders() {
        assertEquals("203.0.113.9", BEHIND_INGRESS.keyFor("203.0.113.9", List.of(), List.of("198.51.100.1")));
    }

    @Test
    void fromATrustedProxyTheRightMostAddressThatIsNoProxyIsTheClient() {
        // The client wrote 1.1.1.1 itself; the ingress (10.0.0.5) appended the address it saw, 198.51.100.7.
        assertEquals("198.51.100.7", BEHIND_INGRESS.keyFor("10.0.0.5", List.of(), List.of("1.1.1.1, 198.51.100.7")));
        // Two proxies of ours in a row are both skipped.
        assertEquals(
                "198.51.100.7",
                BEHIND_INGRESS.keyFor("10.0.0.5", List.of(), List.of("1.1.1.1, 198.51.100.7", "10.1.2.3")));
        assertEquals(
                "198.51.100.7", BEHIND_INGRESS.keyFor("192.0.2.10", List.of(), List.of("198.51.100.7:4711, 10.1.2.3")));
    }

    @Test
    void forwardedIsReadBeforeXForwardedForWithQuotesPortsAndIpv6() {
        assertEquals(
                "198.51.100.7",
                BEHIND_INGRESS.keyFor(
                        "10.0.0.5",
                        List.of("for=1.1.1.1;proto=https, for=\"198.51.100.7:4711\";by=10.0.0.5"),
                        List.of("9.9.9.9")));
        assertEquals(
                "2001:db8:1:2::/64",
                BEHIND_INGRESS.keyFor("10.0.0.5", List.of("for=\"[2001:db8:1:2::17]:4711\""), List.of()));
    }

    @Test
    void anUnreadableHopIsStoodForByTheProxyThatWroteIt() {
        assertEquals("10.0.0.5", BEHIND_INGRESS.keyFor("10.0.0.5", List.of("for=unknown"), List.of()));
        assertEquals("10.0.0.5", BEHIND_INGRESS.keyFor("10.0.0.5", List.of("for=_hidden"), List.of()));
        assertEquals("10.1.2.3", BEHIND_INGRESS.keyFor("10.0.0.5", List.of(), List.of("evil.example, 10.1.2.3")));
    }

    @Test
    void onlyOurOwnProxiesInTheChainMeansTheOutermostOne() {
        assertEquals("10.9.9.9", BEHIND_INGRESS.keyFor("10.0.0.5", List.of(), List.of("10.9.9.9, 10.1.2.3")));
        assertEquals("10.0.0.5", BEHIND_INGRESS.keyFor("10.0.0.5", List.of(), List.of()));
    }

    @Test
    void ipv6ClientsAreCountedPerSlash64() {
        assertEquals("2001:db8:1:2::/64", NONE_TRUSTED.keyFor("2001:db8:1:2:aaaa::1", List.of(), List.of()));
        assertEquals(
                "2001:db8:1:2::/64", NONE_TRUSTED.keyFor("[2001:db8:1:2:ffff:ffff:ffff:ffff]", List.of(), List.of()));
        assertEquals("2001:db8:1:3::/64", NONE_TRUSTED.keyFor("2001:db8:1:3::1", List.of(), List.of()));
        // An IPv4-mapped address is the IPv4 client.
        assertEquals("198.51.100.7", NONE_TRUSTED.keyFor("::ffff:198.51.100.7", List.of(), List.of()));
    }

    @Test
    void cidrsMatchByPrefixAndNeverResolveNames() {
        Cidr block = Cidr.parse("10.0.0.0/8");
        assertTrue(block.contains(Cidr.literal("10.255.0.1")));
        assertFalse(block.contains(Cidr.literal("11.0.0.1")));
        assertFalse(block.contains(Cidr.literal("2001:db8::1")));
        assertTrue(Cidr.parse("2001:db8:ffff::/48").contains(Cidr.literal("2001:db8:ffff:1::1")));
        assertTrue(Cidr.parse("192.168.1.0/25").contains(Cidr.literal("192.168.1.127")));
        assertFalse(Cidr.parse("192.168.1.0/25").contains(Cidr.literal("192.168.1.128")));
        assertNull(Cidr.literal("localhost"));
        assertNull(Cidr.literal("example.org"));
        assertThrows(IllegalArgumentException.class, () -> Cidr.parse("proxy.example.org"));
        assertThrows(IllegalArgumentException.class, () -> Cidr.parse("10.0.0.0/33"));
    }
}
