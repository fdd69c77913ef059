package org.lvs.ingest.service;

import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.OptionalLong;
import org.jboss.logging.Logger;
import org.lvs.commons.failure.Failures;
import org.lvs.ingest.config.IngestConfig;
import org.lvs.ingest.domain.Sha256;
import org.lvs.ingest.persistence.RateBucketStore;

/**
 * A fixed-window limit of self-referrals per client (the public form has no token): {@code limit} per {@code window}
 * for one IPv4 address or one IPv6 /64. The count lives in PostgreSQL (one atomic upsert per request), so every
 * instance shares it. The table holds a SHA-256 of the client key, not the address, and forgets it two windows later.
 */
@ApplicationScoped
public class SelfReferralRateLimiter {

    private static final Logger LOG = Logger.getLogger(SelfReferralRateLimiter.class);

    private final RateBucketStore buckets;
    private final IngestConfig config;
    private final Clock clock;

    SelfReferralRateLimiter(RateBucketStore buckets, IngestConfig config, Clock clock) {
        this.buckets = buckets;
        this.config = config;
        this.clock = clock;
    }

    /**
     * Counts one request from {@code clientKey} (blocking: a database round trip).
     *
     * @return empty when it is within the limit, else the seconds until the client's window ends (Retry-After)
     */
    public OptionalLong acquire(String clientKey) {
        Instant now = clock.instant();
        Duration window = config.selfReferral().window();
        RateBucketStore.Count count = buckets.hit(bucketKey(clientKey), now, window);
        if (count.hits() <= config.selfReferral().limit()) {
            return OptionalLong.empty();
        }
        return OptionalLong.of(Math.max(
                1, Duration.between(now, count.windowStart().plus(window)).toSeconds()));
    }

    /** The key a client's window is stored under. */
    public static String bucketKey(String clientKey) {
        return Sha256.hex("self-referral|" + clientKey);
    }

    @Scheduled(every = "1m", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void forgetEndedWindows() {
        try {
            buckets.deleteEndedBefore(
                    clock.instant().minus(config.selfReferral().window().multipliedBy(2)));
        } catch (RuntimeException e) {
            LOG.debugf("cannot forget ended rate-limit windows now (%s)", Failures.kinds(e));
        }
    }
}
