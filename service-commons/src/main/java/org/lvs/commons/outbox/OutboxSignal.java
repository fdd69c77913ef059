package org.lvs.commons.outbox;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Status;
import jakarta.transaction.Synchronization;
import jakarta.transaction.TransactionSynchronizationRegistry;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Wakes the relay as soon as a transaction with outbox rows commits, so events leave within milliseconds rather than
 * at the next poll; the poll stays as the safety net.
 */
@ApplicationScoped
public class OutboxSignal {

    private final Object monitor = new Object();
    private final AtomicBoolean pending = new AtomicBoolean();

    @Inject
    TransactionSynchronizationRegistry registry;

    void afterCommit() {
        Object key = OutboxSignal.class;
        if (registry.getResource(key) != null) {
            return;
        }
        registry.putResource(key, Boolean.TRUE);
        registry.registerInterposedSynchronization(new Synchronization() {
            @Override
            public void beforeCompletion() {}

            @Override
            public void afterCompletion(int status) {
                if (status == Status.STATUS_COMMITTED) {
                    wake();
                }
            }
        });
    }

    void wake() {
        synchronized (monitor) {
            pending.set(true);
            monitor.notifyAll();
        }
    }

    /** Waits until woken or the timeout passes; true when there was a wake-up. */
    boolean await(long timeoutMillis) throws InterruptedException {
        synchronized (monitor) {
            if (!pending.get()) {
                monitor.wait(timeoutMillis);
            }
            return pending.getAndSet(false);
        }
    }
}
