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
 * issuer, or a local or short secret key (the identity-hash key, the search-audit key: any {@code lvs.*-key}). The local stack ({@code ./lvs}, compose, the end-to-end tests) runs with
 * {@code QUARKUS_PROFILE=local}, where they are fine.
 */
@ApplicationScoped
public class ProductionSafety {

    static final String LOCAL_ISSUER = "https://lvs.local/issuer";
    static final String DEFAULT_DB_PASSWORD = "lvs";
    /** Every local default of a secret key says so. */
    static final String LOCAL_KEY_MARKER = "not-for-production";

    static final int MIN_KEY_LENGTH = 32;

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

    /**
     * The HMAC keys of the services ({@code lvs.triage.identity-hash-key}, {@code lvs.sla.search-audit-key}, …): with
     * a known key, a keyed hash of a name or phone is a dictionary away from the value.
     */
    static boolean isSecretKey(String name) {
        return name.startsWith("lvs.") && name.endsWith("-key");
    }

    public static List<String> problems(Config config) {
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
            if (isSecretKey(name)) {
                Optional<String> key = config.getOptionalValue(name, String.class);
                if (key.isEmpty()
                        || key.get().contains(LOCAL_KEY_MARKER)
                        || key.get().length() < MIN_KEY_LENGTH) {
                    problems.add(name + " is the local default or shorter than " + MIN_KEY_LENGTH + " characters");
                }
            }
        }
        return problems;
    }
}
