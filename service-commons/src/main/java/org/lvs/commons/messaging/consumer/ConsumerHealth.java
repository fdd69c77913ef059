package org.lvs.commons.messaging.consumer;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;

/**
 * The state of every {@link BatchConsumer} of this process, on {@code /q/health/live}: DOWN when a consumer failed
 * with an error that escaped its failure policy, or is stuck in one batch without waiting on a recognised transient
 * failure. Waiting out an outage is healthy: the consumer does what it must. {@link ConsumerLiveness} reports it.
 */
@ApplicationScoped
public class ConsumerHealth implements HealthCheck {

    private final Map<String, Tracker> trackers = new ConcurrentHashMap<>();
    private final ConsumerConfig config;
    private final MeterRegistry registry;

    ConsumerHealth(ConsumerConfig config, MeterRegistry registry) {
        this.config = config;
        this.registry = registry;
    }

    /**
     * The tracker of one consumer, also exported as {@code lvs_consumer_up{consumer}} (1 healthy or waiting out an
     * outage, 0 crashed or stuck) and {@code lvs_consumer_waiting{consumer}} (1 while waiting out a transient
     * failure), for alerting.
     */
    Tracker tracker(String name) {
        return trackers.computeIfAbsent(name, n -> {
            Tracker tracker = new Tracker();
            if (registry != null) {
                Gauge.builder("lvs_consumer_up", tracker, t -> t.healthy(config.stuckAfter()) ? 1 : 0)
                        .tag("consumer", n)
                        .description("1 unless the consumer crashed or is stuck")
                        .register(registry);
                Gauge.builder("lvs_consumer_waiting", tracker, t -> t.waitingReason.get() == null ? 0 : 1)
                        .tag("consumer", n)
                        .description("1 while the consumer waits out a transient failure")
                        .register(registry);
            }
            return tracker;
        });
    }

    @Override
    public HealthCheckResponse call() {
        HealthCheckResponseBuilder response =
                HealthCheckResponse.named("lvs batch consumers").up();
        long now = System.nanoTime();
        trackers.forEach((name, tracker) -> {
            String state = tracker.describe(now, config.stuckAfter());
            response.withData(name, state);
            if (state.startsWith("crashed") || state.startsWith("stuck")) {
                response.down();
            }
        });
        return response.build();
    }

    /** True while any consumer waits out a transient failure (a readiness hint, and for tests). */
    public boolean anyWaiting() {
        return trackers.values().stream().anyMatch(t -> t.waitingReason.get() != null);
    }

    /**
     * One consumer's state; several batches may be in flight at once (metrics applies them concurrently). Times are
     * monotonic ({@code System.nanoTime}), not the injected business clock, which tests move at will.
     */
    final class Tracker {
        private final AtomicInteger inFlight = new AtomicInteger();
        private final AtomicReference<Long> busySince = new AtomicReference<>();
        private final AtomicReference<String> waitingReason = new AtomicReference<>();
        private final AtomicReference<Long> waitingSince = new AtomicReference<>();
        private final AtomicReference<String> crash = new AtomicReference<>();

        void started() {
            if (inFlight.getAndIncrement() == 0) {
                busySince.set(System.nanoTime());
            }
        }

        void progressed() {
            busySince.set(System.nanoTime());
            waitingReason.set(null);
            waitingSince.set(null);
        }

        void waiting(String reason) {
            waitingSince.compareAndSet(null, System.nanoTime());
            waitingReason.set(reason);
        }

        void finished() {
            waitingReason.set(null);
            waitingSince.set(null);
            if (inFlight.decrementAndGet() == 0) {
                busySince.set(null);
            }
        }

        void crashed(Throwable failure) {
            crash.set(failure.getClass().getSimpleName());
        }

        boolean healthy(Duration stuckAfter) {
            String state = describe(System.nanoTime(), stuckAfter);
            return !state.startsWith("crashed") && !state.startsWith("stuck");
        }

        String describe(long now, Duration stuckAfter) {
            String crashed = crash.get();
            if (crashed != null) {
                return "crashed (" + crashed + ")";
            }
            String reason = waitingReason.get();
            Long since = waitingSince.get();
            if (reason != null && since != null) {
                return "waiting " + Duration.ofNanos(now - since).toSeconds() + " s: " + reason;
            }
            Long busy = busySince.get();
            if (busy != null && Duration.ofNanos(now - busy).compareTo(stuckAfter) > 0) {
                return "stuck for " + Duration.ofNanos(now - busy).toSeconds() + " s";
            }
            return busy == null ? "idle" : "applying";
        }
    }
}
