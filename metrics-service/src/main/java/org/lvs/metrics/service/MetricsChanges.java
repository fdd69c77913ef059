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

    /** Call inside the applying transaction; the counter moves only if it commits. */
    public void afterCommit() {
        transactions.registerInterposedSynchronization(new Synchronization() {
            @Override
            public void beforeCompletion() {
            }

            @Override
            public void afterCompletion(int status) {
                if (status == Status.STATUS_COMMITTED) {
                    version.incrementAndGet();
                }
            }
        });
    }

    public void bump() {
        version.incrementAndGet();
    }

    public long version() {
        return version.get();
    }
}
