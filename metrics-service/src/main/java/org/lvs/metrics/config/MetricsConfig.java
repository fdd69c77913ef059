package org.lvs.metrics.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/** metrics-service settings ({@code lvs.metrics.*}). */
@ConfigMapping(prefix = "lvs.metrics")
public interface MetricsConfig {

    /** How long a dashboard stream ticket stays valid (EventSource reconnects reuse it within this time). */
    @WithDefault("60s")
    Duration streamTicketTtl();

    /** How often the stream checks for applied events; well inside the page's 2-second promise. */
    @WithDefault("250ms")
    Duration streamPoll();

    /** How often the Prometheus gauges are recomputed from the fact tables. */
    @WithDefault("5s")
    Duration gaugeRefresh();

    /** Kafka bootstrap servers for the rebuild consumer (the channels' own setting). */
    @WithDefault("${kafka.bootstrap.servers}")
    String kafkaBootstrap();

    /**
     * How long a rebuild waits out a transient failure (database or broker away) before it gives up; the live
     * figures serve meanwhile, and a rebuild that gives up changes nothing.
     */
    @WithDefault("10m")
    Duration rebuildTransientPatience();

    /** Records per poll of the rebuild's reader: one short transaction each. */
    @WithDefault("1000")
    int rebuildPollRecords();

    /**
     * How long an applied-event mark is kept. Longer than any redelivery can come late (a rebalance, a restart, a
     * dead-letter replay within the dead-letter topics' retention); an older duplicate changes no fact, since every
     * fact write is keyed, and only counts once more in {@code eventsApplied}.
     */
    @WithDefault("P30D")
    Duration appliedEventKeep();

    /** Marks deleted per statement when pruning, so pruning never holds long locks. */
    @WithDefault("10000")
    int appliedEventPruneChunk();
}
