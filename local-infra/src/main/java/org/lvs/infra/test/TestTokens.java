package org.lvs.infra.test;

import java.time.Duration;
import java.util.List;

/** Bearer tokens the application under test accepts (signed with the test key pair). */
public final class TestTokens {
    private TestTokens() {
    }

    /** {@code "Bearer <jwt>"} with the given roles in {@code groups}. */
    public static String bearer(String... roles) {
        return "Bearer " + token(roles);
    }

    public static String token(String... roles) {
        return TestInfrastructure.get().jwt().sign("test-" + String.join("-", roles), List.of(roles),
                Duration.ofHours(1));
    }
}
