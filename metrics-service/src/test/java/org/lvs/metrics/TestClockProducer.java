package org.lvs.metrics;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.time.Clock;
import org.lvs.infra.test.MutableClock;

/** Replaces commons' system clock in tests, so "now" figures (waiting lists, 72-hour decisions) are fixed. */
@ApplicationScoped
public class TestClockProducer {

    public static final MutableClock CLOCK = new MutableClock();

    @Produces
    @Singleton
    Clock clock() {
        return CLOCK;
    }
}
