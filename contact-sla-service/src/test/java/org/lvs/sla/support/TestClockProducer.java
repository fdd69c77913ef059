package org.lvs.sla.support;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.time.Clock;
import org.lvs.infra.test.MutableClock;

/** Replaces commons' default clock in tests: follows real time unless a test sets or advances it. */
@ApplicationScoped
public class TestClockProducer {

    public static final MutableClock CLOCK = new MutableClock();

    @Produces
    @Singleton
    Clock clock() {
        return CLOCK;
    }
}
