package org.lvs.infra.test;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

/**
 * A {@link Clock} tests can move: by default it follows real time; {@link #set} freezes it at an instant,
 * {@link #advance} moves it on, {@link #runFrom} lets it tick onwards from another instant, {@link #reset} returns to
 * real time.
 */
public class MutableClock extends Clock {

    private volatile Instant frozenAt;
    private volatile Duration offset = Duration.ZERO;

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        return Clock.fixed(instant(), zone);
    }

    @Override
    public Instant instant() {
        Instant frozen = frozenAt;
        return frozen != null ? frozen : Instant.now().plus(offset);
    }

    public void set(Instant instant) {
        frozenAt = instant;
    }

    public synchronized void advance(Duration duration) {
        if (frozenAt != null) {
            frozenAt = frozenAt.plus(duration);
        } else {
            offset = offset.plus(duration);
        }
    }

    public void runFrom(Instant instant) {
        offset = Duration.between(Instant.now(), instant);
        frozenAt = null;
    }

    public void reset() {
        frozenAt = null;
        offset = Duration.ZERO;
    }
}
