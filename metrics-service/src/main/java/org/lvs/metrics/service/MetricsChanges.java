package org.lvs.metrics.service;

import io.smallrye.mutiny.Multi;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Status;
import jakarta.transaction.Synchronization;
import jakarta.transaction.TransactionSynchronizationRegistry;
import java.util.concurrent.atomic.AtomicLong;
import org.lvs.metrics.config.MetricsConfig;

/**
 * A change counter the live page's stream watches: bumped after a transaction that applied an event commits, so a
 * page that re-reads the figures on a bump sees the new event.
 */
@ApplicationScoped
public class MetricsChanges {

    private final AtomicLong version = new AtomicLong();

    /** Heartbeat every this many polls, so proxies keep an idle stream open. */
    private static final long HEARTBEAT_POLLS = 60;

    private final TransactionSynchronizationRegistry transactions;
    private final MetricsConfig config;

    private volatile Long lastLagMillis;

    MetricsChanges(TransactionSynchronizationRegistry transactions, MetricsConfig config) {
        this.transactions = transactions;
        this.config = config;
    }

    /**
     * Call inside the applying transaction; the counter moves only if it commits.
     *
     * @param lagMillis publish-to-apply delay of the event, or null if unknown
     */
    public void afterCommit(Long lagMillis) {
        transactions.registerInterposedSynchronization(new Synchronization() {
            @Override
            public void beforeCompletion() {
                // only a committed transaction moves the counter: see afterCompletion
            }

            @Override
            public void afterCompletion(int status) {
                if (status == Status.STATUS_COMMITTED) {
                    if (lagMillis != null) {
                        lastLagMillis = lagMillis;
                    }
                    version.incrementAndGet();
                }
            }
        });
    }

    public void bump() {
        version.incrementAndGet();
    }

    /** Seconds between publishing and applying the newest applied event (0 before any). */
    public double lagSeconds() {
        Long lag = lastLagMillis;
        return lag == null ? 0.0 : lag / 1000.0;
    }

    public long version() {
        return version.get();
    }

    /**
     * The live stream: {@code {"version": n}} when the figures changed (checked every {@code lvs.metrics.stream-poll})
     * and, unchanged, every {@link #HEARTBEAT_POLLS} polls.
     */
    public Multi<String> versions() {
        AtomicLong seen = new AtomicLong(-1);
        return Multi.createFrom()
                .ticks()
                .every(config.streamPoll())
                .filter(tick -> {
                    long now = version();
                    return seen.getAndSet(now) != now || tick % HEARTBEAT_POLLS == 0;
                })
                .map(tick -> "{\"version\":" + version() + "}");
    }
}
