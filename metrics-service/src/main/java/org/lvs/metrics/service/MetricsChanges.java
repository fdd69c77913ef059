package org.lvs.metrics.service;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Status;
import jakarta.transaction.Synchronization;
import jakarta.transaction.TransactionSynchronizationRegistry;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A change counter the live page's stream watches: bumped after a transaction that applied an event commits, so a
 * page that re-reads the figures on a bump sees the new event.
 */
@ApplicationScoped
public class MetricsChanges {

    private final AtomicLong version = new AtomicLong();

    @Inject
    TransactionSynchronizationRegistry transactions;

    private volatile Long lastLagMillis;

    /**
     * Call inside the applying transaction; the counter moves only if it commits.
     *
     * @param lagMillis publish-to-apply delay of the event, or null if unknown
     */
    public void afterCommit(Long lagMillis) {
        transactions.registerInterposedSynchronization(new Synchronization() {
            @Override
            public void beforeCompletion() {
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
}
