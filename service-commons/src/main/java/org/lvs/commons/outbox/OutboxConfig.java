package org.lvs.commons.outbox;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

@ConfigMapping(prefix = "lvs.outbox")
public interface OutboxConfig {

    /** Off only for a service that never enqueues events. */
    @WithDefault("true")
    boolean enabled();

    /** The safety-net poll; commits wake the relay at once. */
    @WithDefault("1s")
    Duration pollInterval();

    @WithDefault("500")
    int batchSize();

    /** Published rows are kept this long for diagnosis, then deleted. */
    @WithDefault("P1D")
    Duration keepPublished();
}
