package org.lvs.sla.config;

import io.quarkus.runtime.StartupEvent;
import io.quarkus.runtime.configuration.ConfigUtils;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

/**
 * The prod profile refuses to start with the local search-audit key or a short one (commons' ProductionSafety checks
 * only keys named {@code ...identity-hash-key}): with a known key, the HMACs in the audit are a dictionary away from
 * the names and phone numbers searched.
 */
@ApplicationScoped
public class SearchAuditKeyCheck {

    static final String LOCAL_MARKER = "not-for-production";
    static final int MIN_LENGTH = 32;

    private final SlaConfig config;

    SearchAuditKeyCheck(SlaConfig config) {
        this.config = config;
    }

    void check(@Observes StartupEvent event) {
        if (ConfigUtils.getProfiles().contains("prod") && !acceptable(config.searchAuditKey())) {
            throw new IllegalStateException("refusing to start in the prod profile: the search-audit key is the "
                    + "local default or shorter than " + MIN_LENGTH + " characters (LVS_SEARCH_AUDIT_KEY)");
        }
    }

    static boolean acceptable(String key) {
        return key != null && key.length() >= MIN_LENGTH && !key.contains(LOCAL_MARKER);
    }
}
