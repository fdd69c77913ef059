package org.lvs.commons.messaging;

import java.time.Duration;
import java.util.function.Supplier;
import org.jboss.logging.Logger;

/** Retrying a consumer's unit of work with doubling backoff, and describing a failure without its message. */
public final class Retries {

    private static final Logger LOG = Logger.getLogger(Retries.class);

    private Retries() {
    }

    /**
     * Runs {@code work} up to {@code attempts} times, waiting {@code firstBackoff}, then twice as long each time;
     * rethrows the last failure. {@code what} names the work in the log (ids only, never content).
     */
    public static <T> T withRetries(int attempts, Duration firstBackoff, String what, Supplier<T> work) {
        Duration backoff = firstBackoff;
        for (int attempt = 1;; attempt++) {
            try {
                return work.get();
            } catch (RuntimeException e) {
                if (attempt >= attempts) {
                    throw e;
                }
                LOG.warnf("%s failed (%s), retrying", what, e.getClass().getSimpleName());
                sleep(backoff);
                backoff = backoff.multipliedBy(2);
            }
        }
    }

    public static void withRetries(int attempts, Duration firstBackoff, String what, Runnable work) {
        withRetries(attempts, firstBackoff, what, () -> {
            work.run();
            return null;
        });
    }

    /** The kinds of error down to the root cause; messages may quote values (personal data), so they stay out. */
    public static String errorKinds(Throwable e) {
        StringBuilder kinds = new StringBuilder(e.getClass().getSimpleName());
        for (Throwable cause = e.getCause(); cause != null && cause != cause.getCause(); cause = cause.getCause()) {
            kinds.append(" <- ").append(cause.getClass().getSimpleName());
        }
        return kinds.toString();
    }

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while retrying", e);
        }
    }
}
