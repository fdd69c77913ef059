package org.lvs.ingest.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.List;

/** Settings of the ingest edge ({@code lvs.ingest.*}). */
@ConfigMapping(prefix = "lvs.ingest")
public interface IngestConfig {

    /** The service-area codes a referral's {@code area} must be one of (referral-contract.md). */
    @WithDefault("NORTH,CENTRAL,EAST,WEST,SOUTH,UNKNOWN")
    List<String> areas();

    /** How far {@code recordedAt} may lie ahead of our clock (clock skew of the sending systems). */
    @WithDefault("PT5M")
    Duration recordedAtFutureTolerance();

    /** Largest body of one referral, in bytes (1 MiB). */
    @WithDefault("1048576")
    long maxSingleBytes();

    /** Largest body of a batch, in bytes (20 MiB). */
    @WithDefault("20971520")
    long maxBatchBytes();

    /** Most records in one batch. */
    @WithDefault("10000")
    int maxBatchRecords();

    /** Seconds a caller is asked to wait after a 503 (broker or database unavailable). */
    @WithDefault("5")
    int retryAfterSeconds();

    SelfReferral selfReferral();

    interface SelfReferral {
        /** Self-referrals accepted per client address within {@link #window()}. */
        @WithDefault("10")
        int limit();

        @WithDefault("PT1M")
        Duration window();
    }
}
