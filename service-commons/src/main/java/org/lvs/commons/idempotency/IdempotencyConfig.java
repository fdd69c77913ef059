package org.lvs.commons.idempotency;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/** How long the processed-event log keeps an event id. */
@ConfigMapping(prefix = "lvs.idempotency")
public interface IdempotencyConfig {

    /**
     * Longer than any redelivery can come late (a rebalance, a restart, a dead-letter replay within the DLQ's
     * retention); older duplicates are caught by each consumer's natural keys and version guards.
     */
    @WithDefault("P30D")
    Duration keep();

    /** Rows deleted per statement, so pruning never holds long locks. */
    @WithDefault("10000")
    int chunk();
}
