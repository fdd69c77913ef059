package org.lvs.sla.config;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** The prod profile refuses the local search-audit key and short keys. */
class SearchAuditKeyCheckTest {

    @Test
    void theLocalDefaultAndShortKeysAreRefused() {
        assertFalse(SearchAuditKeyCheck.acceptable("local-search-audit-key-not-for-production"));
        assertFalse(SearchAuditKeyCheck.acceptable("short"));
        assertFalse(SearchAuditKeyCheck.acceptable(null));
        assertTrue(SearchAuditKeyCheck.acceptable("k3Yf0r-pr0duct10n-0123456789abcdef0123"));
    }
}
