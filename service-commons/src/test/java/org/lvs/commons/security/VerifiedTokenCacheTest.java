package org.lvs.commons.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.smallrye.jwt.auth.principal.DefaultJWTCallerPrincipalFactory;
import io.smallrye.jwt.auth.principal.JWTAuthContextInfo;
import io.smallrye.jwt.auth.principal.JWTCallerPrincipal;
import io.smallrye.jwt.auth.principal.ParseException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.spec.X509EncodedKeySpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lvs.infra.jwt.LocalJwt;
import org.lvs.infra.test.MutableClock;

/**
 * The verified-token cache in front of SmallRye JWT's own verifier, with real RS256 tokens: a token is verified once
 * and served until its expiry or the cache's maximum age, and anything else is verified afresh.
 */
class VerifiedTokenCacheTest {

    private static LocalJwt signer;
    private static JWTAuthContextInfo settings;

    private final CountingVerifier verifier = new CountingVerifier();
    private final MutableClock wallClock = new MutableClock();

    @BeforeAll
    static void keys(@TempDir Path keyDir) throws Exception {
        signer = LocalJwt.inDirectory(keyDir);
        settings = settings(publicKey(LocalJwt.publicKey(keyDir)), "lvs");
    }

    @BeforeEach
    void realTime() {
        wallClock.reset();
    }

    @Test
    void aTokenIsVerifiedOnceAndServedUntilItExpires() throws Exception {
        VerifiedTokenCache cache = cache(1000, Duration.ofHours(1));
        String token = signer.sign("handler-1", List.of("case-handler"), Duration.ofMinutes(10));

        JWTCallerPrincipal first = cache.parse(token, settings);
        JWTCallerPrincipal second = cache.parse(token, settings);

        assertSame(first, second);
        assertEquals(1, verifier.calls.get());
        assertEquals("handler-1", second.getSubject());

        // at its exp the remembered result is not served; the verifier is asked again (it allows clock skew)
        wallClock.set(Instant.ofEpochSecond(first.getExpirationTime()));
        cache.parse(token, settings);
        assertEquals(2, verifier.calls.get());
    }

    @Test
    void aRememberedTokenIsVerifiedAgainAfterTheMaximumAge() throws Exception {
        VerifiedTokenCache cache = cache(1000, Duration.ofMinutes(5));
        String token = signer.sign("ops-1", List.of("ops"), Duration.ofHours(1));
        cache.parse(token, settings);

        wallClock.advance(Duration.ofMinutes(4));
        cache.parse(token, settings);
        assertEquals(1, verifier.calls.get());

        wallClock.advance(Duration.ofMinutes(1));
        cache.parse(token, settings);
        assertEquals(2, verifier.calls.get());
    }

    @Test
    void aTokenDifferingInAnyByteIsVerifiedAfreshAndRefused() throws Exception {
        VerifiedTokenCache cache = cache(1000, Duration.ofHours(1));
        String token = signer.sign("referrer-1", List.of("referrer"), Duration.ofMinutes(10));
        cache.parse(token, settings);

        String[] parts = token.split("\\.");
        String otherClaims = signer.sign("referrer-1", List.of("referrer", "admin"), Duration.ofMinutes(10))
                .split("\\.")[1];
        String forged = parts[0] + "." + otherClaims + "." + parts[2];
        String untrusted = LocalJwt.withUntrustedKey().sign("referrer-1", List.of("referrer"), Duration.ofMinutes(10));

        assertThrows(ParseException.class, () -> cache.parse(forged, settings));
        assertThrows(ParseException.class, () -> cache.parse(untrusted, settings));
        assertEquals(3, verifier.calls.get());
        assertEquals(1, cache.size(), "refused tokens are not remembered");
    }

    @Test
    void otherVerificationSettingsDoNotReuseAnEarlierVerdict() throws Exception {
        VerifiedTokenCache cache = cache(1000, Duration.ofHours(1));
        String token = signer.sign("handler-2", List.of("case-handler"), Duration.ofMinutes(10));
        cache.parse(token, settings);

        JWTAuthContextInfo otherAudience = settings(settings.getPublicVerificationKey(), "another-service");
        assertThrows(ParseException.class, () -> cache.parse(token, otherAudience));
        assertEquals(2, verifier.calls.get());
    }

    @Test
    void aFloodOfDistinctTokensStaysWithinTheBound() throws Exception {
        VerifiedTokenCache cache = cache(3, Duration.ofHours(1));
        for (int i = 0; i < 10; i++) {
            cache.parse(signer.sign("client-" + i, List.of("ops"), Duration.ofMinutes(10)), settings);
            assertTrue(cache.size() <= 3, "remembered " + cache.size());
        }
        VerifiedTokenCache off = cache(0, Duration.ofHours(1));
        String token = signer.sign("ops-2", List.of("ops"), Duration.ofMinutes(10));
        off.parse(token, settings);
        off.parse(token, settings);
        assertEquals(0, off.size());
    }

    private VerifiedTokenCache cache(int maxEntries, Duration maxAge) {
        return new VerifiedTokenCache(verifier, wallClock, maxEntries, maxAge);
    }

    private static JWTAuthContextInfo settings(PublicKey key, String audience) {
        JWTAuthContextInfo info = new JWTAuthContextInfo(key, LocalJwt.ISSUER);
        info.setExpectedAudience(Set.of(audience));
        return info;
    }

    private static PublicKey publicKey(Path pem) throws Exception {
        byte[] der = Base64.getMimeDecoder()
                .decode(Files.readString(pem)
                        .replaceAll("-----[A-Z ]+-----", "")
                        .trim());
        return KeyFactory.getInstance("RSA").generatePublic(new X509EncodedKeySpec(der));
    }

    /** SmallRye JWT's own verifier, counting how often it is asked. */
    private static final class CountingVerifier extends DefaultJWTCallerPrincipalFactory {
        final AtomicInteger calls = new AtomicInteger();

        @Override
        public JWTCallerPrincipal parse(String token, JWTAuthContextInfo authContextInfo) throws ParseException {
            calls.incrementAndGet();
            return super.parse(token, authContextInfo);
        }
    }
}
