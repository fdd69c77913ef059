package org.lvs.commons.security;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

@ConfigMapping(prefix = "lvs.security.verified-tokens")
public interface VerifiedTokenConfig {

    /**
     * How many verified tokens are remembered; 0 verifies every request afresh. A handful of integration clients and
     * the case handlers on shift need far fewer; the bound only keeps a flood of distinct tokens from growing memory.
     */
    @WithDefault("1000")
    int maxEntries();

    /** A remembered token is verified again after this long, even if it expires later. */
    @WithDefault("5m")
    Duration maxAge();
}
