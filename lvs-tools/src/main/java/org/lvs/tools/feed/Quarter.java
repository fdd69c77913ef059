package org.lvs.tools.feed;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;

/** The two quarters of financial year 2017-18 the demo replays, in Europe/London time (metrics.md, Periods). */
public enum Quarter {
    Q1(LocalDate.of(2017, 4, 1), LocalDate.of(2017, 7, 1)),
    Q2(LocalDate.of(2017, 7, 1), LocalDate.of(2017, 10, 1));

    public static final ZoneId LONDON = ZoneId.of("Europe/London");

    private final LocalDate start;
    private final LocalDate endExclusive;

    Quarter(LocalDate start, LocalDate endExclusive) {
        this.start = start;
        this.endExclusive = endExclusive;
    }

    public LocalDate start() {
        return start;
    }

    public LocalDate endExclusive() {
        return endExclusive;
    }

    public String period() {
        return "2017-18-" + name();
    }

    /** The quarter an instant falls in, or null outside Q1 and Q2 of 2017-18. */
    public static Quarter of(Instant instant) {
        LocalDate date = instant.atZone(LONDON).toLocalDate();
        for (Quarter q : values()) {
            if (!date.isBefore(q.start) && date.isBefore(q.endExclusive)) {
                return q;
            }
        }
        return null;
    }

    /** When the replayed history stops: the end of Q2. Later case work has not happened yet. */
    public static Instant snapshot() {
        return Q2.endExclusive.atStartOfDay(LONDON).toInstant();
    }
}
