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

    /**
     * How long the relay waits after a commit wakes it before it claims rows, so that the commits of that moment go
     * out in one round (one claim, one delete, one commit and one wait for the broker) rather than one round each. It
     * adds at most this much to an event's way out; zero sends at once.
     */
    @WithDefault("10ms")
    Duration linger();

    @WithDefault("500")
    int batchSize();

    /** The longest wait between rounds while the broker or the database is away (doubling from the poll interval). */
    @WithDefault("30s")
    Duration maxBackoff();

    /**
     * A row the broker refuses with a transient error this many rounds in a row, while other rows of the same rounds
     * go out, is quarantined: the broker is up, so the row itself is the problem. With the backoff that is several
     * minutes, longer than a partition leader's failover.
     */
    @WithDefault("20")
    int quarantineAfter();
}
