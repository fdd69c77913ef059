package org.lvs.sla.domain;

import java.time.Duration;
import java.time.Instant;

/**
 * How the contact clock counts time: every hour (the default) or only the hours of a working calendar. The clock
 * never adds durations to instants itself, so switching policy changes nothing else.
 */
public interface WorkingTime {

    /** The instant at which {@code amount} of counted time has passed since {@code start}. */
    Instant plus(Instant start, Duration amount);

    /** The counted time between two instants; zero when {@code to} is not after {@code from}. */
    Duration between(Instant from, Instant to);

    /** Clock hours: 24/7, every second counts. */
    WorkingTime CLOCK_HOURS = new WorkingTime() {
        @Override
        public Instant plus(Instant start, Duration amount) {
            return start.plus(amount);
        }

        @Override
        public Duration between(Instant from, Instant to) {
            return to.isAfter(from) ? Duration.between(from, to) : Duration.ZERO;
        }
    };
}
