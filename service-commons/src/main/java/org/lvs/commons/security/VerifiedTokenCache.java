package org.lvs.commons.security;

import io.smallrye.jwt.auth.principal.DefaultJWTCallerPrincipalFactory;
import io.smallrye.jwt.auth.principal.JWTAuthContextInfo;
import io.smallrye.jwt.auth.principal.JWTCallerPrincipal;
import io.smallrye.jwt.auth.principal.JWTCallerPrincipalFactory;
import io.smallrye.jwt.auth.principal.ParseException;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Alternative;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Verifies a bearer token once and remembers the result until the token expires. Checking the RSA signature was a
 * quarter of a single referral's CPU in ingest (JFR), and a client sends the same token with every request until it
 * expires.
 *
 * <p>Only tokens SmallRye JWT accepted are remembered, under the exact token text, so a token differing in any byte
 * (another signature, claim or key) is verified afresh. An entry is never served at or after the token's {@code exp}
 * (stricter than the verifier, which allows the configured clock skew) nor after {@code maxAge}, and only for the same
 * verification settings. Checks on the identity ({@link IssuedAtCheck}, roles, sources) still run on every request.
 */
@ApplicationScoped
@Alternative
@Priority(1)
public class VerifiedTokenCache extends JWTCallerPrincipalFactory {

    private final JWTCallerPrincipalFactory verifier;
    /** Token expiry is wall-clock time, as the verifier reads it; never the business clock tests and replays move. */
    private final Clock wallClock;

    private final int maxEntries;
    private final Duration maxAge;
    private final ConcurrentHashMap<String, Verified> verified = new ConcurrentHashMap<>();

    @Inject
    VerifiedTokenCache(VerifiedTokenConfig config) {
        this(new DefaultJWTCallerPrincipalFactory(), Clock.systemUTC(), config.maxEntries(), config.maxAge());
    }

    VerifiedTokenCache(JWTCallerPrincipalFactory verifier, Clock wallClock, int maxEntries, Duration maxAge) {
        this.verifier = verifier;
        this.wallClock = wallClock;
        this.maxEntries = maxEntries;
        this.maxAge = maxAge;
    }

    @Override
    public JWTCallerPrincipal parse(String token, JWTAuthContextInfo settings) throws ParseException {
        Instant now = wallClock.instant();
        Verified known = verified.get(token);
        if (known != null && known.settings == settings && now.isBefore(known.until)) {
            return known.principal;
        }
        JWTCallerPrincipal principal = verifier.parse(token, settings);
        remember(token, settings, principal, now);
        return principal;
    }

    private void remember(String token, JWTAuthContextInfo settings, JWTCallerPrincipal principal, Instant now) {
        if (maxEntries <= 0 || principal.getExpirationTime() <= 0) {
            return;
        }
        Instant expires = Instant.ofEpochSecond(principal.getExpirationTime());
        Instant until = Collections.min(List.of(now.plus(maxAge), expires));
        if (!now.isBefore(until)) {
            return;
        }
        if (verified.size() >= maxEntries) {
            verified.values().removeIf(entry -> !now.isBefore(entry.until));
            if (verified.size() >= maxEntries) {
                // a flood of distinct live tokens: start again rather than grow; each is verified once more
                verified.clear();
            }
        }
        verified.put(token, new Verified(principal, settings, until));
    }

    /** How many tokens are remembered now (tests). */
    int size() {
        return verified.size();
    }

    private record Verified(JWTCallerPrincipal principal, JWTAuthContextInfo settings, Instant until) {}
}
