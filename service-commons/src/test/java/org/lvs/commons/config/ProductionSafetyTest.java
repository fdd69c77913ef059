package org.lvs.commons.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfig;
import io.smallrye.config.SmallRyeConfigBuilder;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** What the prod profile refuses: the local defaults that would make a deployment readable by anyone. */
class ProductionSafetyTest {

    private static SmallRyeConfig config(Map<String, String> values) {
        return new SmallRyeConfigBuilder()
                .withSources(new PropertiesConfigSource(values, "test", 500))
                .build();
    }

    @Test
    void localDefaultsAreRefusedEachByName() {
        List<String> problems = ProductionSafety.problems(config(Map.of(
                "quarkus.datasource.password", "lvs",
                "mp.jwt.verify.issuer", "https://lvs.local/issuer",
                "lvs.triage.identity-hash-key", "lvs-local-identity-hash-key-not-for-production",
                "lvs.sla.search-audit-key", "short")));
        assertEquals(4, problems.size(), problems.toString());
        assertTrue(problems.stream().anyMatch(p -> p.startsWith("lvs.sla.search-audit-key")));
        assertTrue(problems.stream().anyMatch(p -> p.startsWith("lvs.triage.identity-hash-key")));
    }

    @Test
    void realValuesPass() {
        assertEquals(
                List.of(),
                ProductionSafety.problems(config(Map.of(
                        "quarkus.datasource.password",
                        "a-real-password",
                        "mp.jwt.verify.issuer",
                        "https://login.example.org/realms/lvs",
                        "lvs.triage.identity-hash-key",
                        "k".repeat(40),
                        "lvs.sla.search-audit-key",
                        "s".repeat(40)))));
    }
}
