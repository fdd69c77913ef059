package org.lvs.infra.test;

import java.time.Duration;
import java.util.List;
import org.lvs.infra.jwt.LocalJwt;
import org.lvs.infra.jwt.LocalJwt.Claims;

/** Bearer tokens the application under test accepts (signed with the test key pair, local issuer and audience). */
public final class TestTokens {
    private TestTokens() {}

    /** {@code "Bearer <jwt>"} with the given roles in {@code groups}; a referrer token names every source. */
    public static String bearer(String... roles) {
        return "Bearer " + token(roles);
    }

    public static String token(String... roles) {
        return TestInfrastructure.get()
                .jwt()
                .sign("test-" + String.join("-", roles), List.of(roles), Duration.ofHours(1));
    }

    /** {@code "Bearer <jwt>"} of a referrer that may act for these sources only (none: a token without the claim). */
    public static String referrerFor(String... sources) {
        Claims claims = Claims.of("test-referrer-" + String.join("-", sources), List.of("referrer"));
        return "Bearer "
                + TestInfrastructure.get().jwt().sign(sources.length == 0 ? claims : claims.sources(List.of(sources)));
    }

    /** Signs exactly these claims with the trusted test key. */
    public static String bearer(Claims claims) {
        return "Bearer " + TestInfrastructure.get().jwt().sign(claims);
    }

    public static LocalJwt signer() {
        return TestInfrastructure.get().jwt();
    }
}
