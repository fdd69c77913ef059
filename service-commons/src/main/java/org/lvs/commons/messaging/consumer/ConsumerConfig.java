package org.lvs.commons.messaging.consumer;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/** The failure policy of every {@link BatchConsumer} (README, failure policy). */
@ConfigMapping(prefix = "lvs.consumer")
public interface ConsumerConfig {

    /** The first wait after a transient failure; doubled on each further failure up to {@link #maxBackoff()}. */
    @WithDefault("200ms")
    Duration firstBackoff();

    @WithDefault("15s")
    Duration maxBackoff();

    /**
     * How often a record alone may fail with an error nobody recognises, while the database answers, before it is
     * dead-lettered. A recognised permanent error is confirmed by a second attempt before it is.
     */
    @WithDefault("3")
    int unknownAttempts();

    /**
     * A batch that is still being applied after this long, without waiting on a recognised transient failure, is
     * stuck: liveness turns DOWN so the orchestrator restarts the process (the batch is redelivered).
     */
    @WithDefault("5m")
    Duration stuckAfter();
}
