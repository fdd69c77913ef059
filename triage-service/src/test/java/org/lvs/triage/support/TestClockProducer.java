package org.lvs.triage.support;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.time.Clock;
import org.lvs.infra.test.MutableClock;

/** Replaces the commons clock in tests, so decisions' {@code decidedAt} can be pinned. */
@ApplicationScoped
public class TestClockProducer {
    public static final MutableClock CLOCK = new MutableClock();

    @Produces
    @Singleton
    Clock clock() {
        return CLOCK;
    }
}
