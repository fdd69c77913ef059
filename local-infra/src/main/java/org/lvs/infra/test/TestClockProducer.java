package org.lvs.infra.test;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.time.Clock;

/**
 * The one test clock of every service: on a test class path it replaces commons' default system clock, so tests can
 * pin or move "now" through {@link #CLOCK}. It follows real time until a test sets or advances it.
 */
@ApplicationScoped
public class TestClockProducer {

    public static final MutableClock CLOCK = new MutableClock();

    @Produces
    @Singleton
    Clock clock() {
        return CLOCK;
    }
}
