package org.lvs.ingest.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

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

    /**
     * Reverse proxies (CIDRs such as {@code 10.0.0.0/8} or {@code 2001:db8::/32}, or single addresses) whose
     * {@code Forwarded} / {@code X-Forwarded-For} headers are believed. Default none: the client is the TCP peer.
     */
    Optional<List<String>> trustedProxies();

    /** How often lvs_ingest_last_batch_seconds re-reads the last batch per source (other instances' batches). */
    @WithDefault("30s")
    Duration lastBatchRefresh();

    SelfReferral selfReferral();

    Rejections rejections();

    interface SelfReferral {
        /**
         * Self-referrals accepted per client address (an IPv6 client per /64) within {@link #window()}, counted in
         * PostgreSQL so the limit holds across instances.
         */
        @WithDefault("10")
        int limit();

        @WithDefault("PT1M")
        Duration window();

        /** How long an Idempotency-Key answers with the referral it made; afterwards it is forgotten. */
        @WithDefault("PT24H")
        Duration idempotencyTtl();
    }

    interface Rejections {
        /** Rows of GET /api/v1/feeds/{source}/rejections when no limit is given. */
        @WithDefault("100")
        int defaultLimit();
    }
}
