package org.lvs.commons.messaging.consumer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.Optional;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.junit.jupiter.api.Test;

/** Liveness of the batch consumers: waiting out an outage is healthy, a crash or a stuck batch is not. */
class ConsumerHealthTest {

    private static ConsumerConfig config(Duration stuckAfter) {
        return new ConsumerConfig() {
            @Override
            public Duration firstBackoff() {
                return Duration.ofMillis(1);
            }

            @Override
            public Duration maxBackoff() {
                return Duration.ofMillis(1);
            }

            @Override
            public int unknownAttempts() {
                return 3;
            }

            @Override
            public Duration stuckAfter() {
                return stuckAfter;
            }
        };
    }

    @Test
    void waitingOnATransientFailureStaysUpEvenWhenLong() throws InterruptedException {
        ConsumerHealth health = new ConsumerHealth(config(Duration.ofMillis(10)), null);
        ConsumerHealth.Tracker tracker = health.tracker("g/t");
        tracker.started();
        tracker.waiting("connection exception (SQLSTATE 08006)");
        Thread.sleep(30);
        HealthCheckResponse response = health.call();
        assertEquals(HealthCheckResponse.Status.UP, response.getStatus());
        assertTrue(data(response, "g/t").startsWith("waiting"), data(response, "g/t"));
        assertTrue(health.anyWaiting());
    }

    @Test
    void aBatchBusyForLongerThanTheLimitWithoutWaitingIsStuck() throws InterruptedException {
        ConsumerHealth health = new ConsumerHealth(config(Duration.ofMillis(10)), null);
        ConsumerHealth.Tracker tracker = health.tracker("g/t");
        tracker.started();
        Thread.sleep(30);
        assertEquals(HealthCheckResponse.Status.DOWN, health.call().getStatus());
        tracker.finished();
        assertEquals(HealthCheckResponse.Status.UP, health.call().getStatus());
    }

    @Test
    void aFailureThatEscapedThePolicyTurnsLivenessDownForGood() {
        ConsumerHealth health = new ConsumerHealth(config(Duration.ofMinutes(5)), null);
        ConsumerHealth.Tracker tracker = health.tracker("g/t");
        tracker.started();
        tracker.crashed(new OutOfMemoryError());
        tracker.finished();
        HealthCheckResponse response = health.call();
        assertEquals(HealthCheckResponse.Status.DOWN, response.getStatus());
        assertEquals("crashed (OutOfMemoryError)", data(response, "g/t"));
    }

    private static String data(HealthCheckResponse response, String key) {
        Optional<java.util.Map<String, Object>> data = response.getData();
        return String.valueOf(data.orElseThrow().get(key));
    }
}
