package org.lvs.commons.messaging.consumer;

import java.time.Duration;

/** Doubling waits from the first to the maximum backoff; a stopping application ends the wait. */
final class Backoff {

    private final long maxMillis;
    private long nextMillis;
    private int attempts;

    Backoff(ConsumerConfig config) {
        this.nextMillis = Math.max(1, config.firstBackoff().toMillis());
        this.maxMillis = Math.max(nextMillis, config.maxBackoff().toMillis());
    }

    int attempts() {
        return attempts;
    }

    void sleep(BatchConsumers.Lifecycle lifecycle) {
        attempts++;
        long wait = nextMillis;
        nextMillis = Math.min(maxMillis, nextMillis * 2);
        lifecycle.sleep(Duration.ofMillis(wait));
    }
}
