package org.lvs.ingest.service;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.ConcurrentHashMap;
import org.lvs.commons.problem.ProblemException;
import org.lvs.ingest.config.IngestConfig;

/**
 * A fixed-window limit of self-referrals per client address (the public form has no token). In memory per instance:
 * enough to stop a script flooding one instance; a shared limit would belong in the gateway.
 */
@ApplicationScoped
public class SelfReferralRateLimiter {

    private final ConcurrentHashMap<String, Window> windows = new ConcurrentHashMap<>();

    @Inject
    IngestConfig config;
    @Inject
    Clock clock;

    private record Window(Instant start, int count) {
    }

    /** Counts one request from {@code client}; throws 429 with Retry-After once the limit is passed. */
    public void acquire(String client) {
        Instant now = clock.instant();
        Duration length = config.selfReferral().window();
        if (windows.size() > 100_000) {
            windows.entrySet().removeIf(e -> !e.getValue().start().plus(length).isAfter(now));
        }
        Window w = windows.compute(client, (k, old) -> old == null || !old.start().plus(length).isAfter(now)
                ? new Window(now, 1) : new Window(old.start(), old.count() + 1));
        if (w.count() > config.selfReferral().limit()) {
            long wait = Math.max(1, Duration.between(now, w.start().plus(length)).toSeconds());
            throw ProblemException.tooManyRequests("too many self-referrals from this address; try again later",
                    (int) wait);
        }
    }

    /** Forgets every window (tests). */
    public void reset() {
        windows.clear();
    }
}
