package org.lvs.commons.config;

import io.quarkus.runtime.StartupEvent;
import io.quarkus.runtime.configuration.ConfigUtils;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.eclipse.microprofile.config.Config;

/**
 * The {@code prod} profile refuses to start with the local defaults: the default database password, the local token
 * issuer, or the local identity-hash key. The local stack ({@code ./lvs}, compose, the end-to-end tests) runs with
 * {@code QUARKUS_PROFILE=local}, where they are fine.
 */
@ApplicationScoped
public class ProductionSafety {

    static final String LOCAL_ISSUER = "https://lvs.local/issuer";
    static final String DEFAULT_DB_PASSWORD = "lvs";
    static final String LOCAL_HASH_KEY_MARKER = "not-for-production";

    private final Config config;

    ProductionSafety(Config config) {
        this.config = config;
    }

    void check(@Observes StartupEvent event) {
        if (!ConfigUtils.getProfiles().contains("prod")) {
            return;
        }
        List<String> problems = problems(config);
        if (!problems.isEmpty()) {
            throw new IllegalStateException("refusing to start in the prod profile: " + String.join("; ", problems)
                    + ". Set real values (README, security), or run a local stack with QUARKUS_PROFILE=local.");
        }
    }

    static List<String> problems(Config config) {
        List<String> problems = new ArrayList<>();
        Optional<String> password = config.getOptionalValue("quarkus.datasource.password", String.class);
        if (password.isEmpty() || password.get().equals(DEFAULT_DB_PASSWORD)) {
            problems.add("the database password is the local default (LVS_DB_PASSWORD)");
        }
        Optional<String> issuer = config.getOptionalValue("mp.jwt.verify.issuer", String.class);
        if (issuer.isEmpty() || issuer.get().equals(LOCAL_ISSUER)) {
            problems.add("the token issuer is the local one (LVS_JWT_ISSUER)");
        }
        for (String name : config.getPropertyNames()) {
            if (name.endsWith("identity-hash-key")) {
                Optional<String> key = config.getOptionalValue(name, String.class);
                if (key.isEmpty() || key.get().contains(LOCAL_HASH_KEY_MARKER) || key.get().length() < 32) {
                    problems.add("the identity-hash key is the local default or shorter than 32 characters "
                            + "(LVS_IDENTITY_HASH_KEY)");
                }
            }
        }
        return problems;
    }
}
