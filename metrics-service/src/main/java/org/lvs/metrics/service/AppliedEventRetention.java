package org.lvs.metrics.service;

import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Instant;
import org.jboss.logging.Logger;
import org.lvs.commons.failure.Failures;
import org.lvs.commons.jdbc.ChunkedDelete;
import org.lvs.metrics.config.MetricsConfig;
import org.lvs.metrics.persistence.FactStore;

/**
 * Prunes the live applied-event marks (issue 14: they grew by one row per event, for ever). Runs hourly, in chunks of
 * short transactions. The cut-off is on the injected clock: {@code applied_at} is when this service applied the
 * event, not when it happened, so replayed history is kept as long as live events. A rebuild's shadow marks are left
 * alone; once swapped in they are live marks and age like any other.
 */
@ApplicationScoped
public class AppliedEventRetention {

    private static final Logger LOG = Logger.getLogger(AppliedEventRetention.class);

    private final FactStore facts;
    private final Clock clock;
    private final MetricsConfig config;

    AppliedEventRetention(FactStore facts, Clock clock, MetricsConfig config) {
        this.facts = facts;
        this.clock = clock;
        this.config = config;
    }

    @Scheduled(every = "1h", delayed = "5m", skipExecutionIf = Scheduled.ApplicationNotRunning.class)
    void scheduled() {
        try {
            prune();
        } catch (RuntimeException e) {
            LOG.warnf("pruning the applied-event marks failed (%s); next hour again", Failures.kinds(e));
        }
    }

    /** Deletes every live mark older than the retention; returns how many. */
    public long prune() {
        Instant cutOff = clock.instant().minus(config.appliedEventKeep());
        long total = ChunkedDelete.inShortTransactions(
                config.appliedEventPruneChunk(), limit -> facts.pruneAppliedBefore(cutOff, limit));
        if (total > 0) {
            LOG.infof("pruned %d applied-event marks older than %s", total, cutOff);
        }
        return total;
    }
}
