package org.lvs.sla.domain;

import java.time.Duration;

/** Durations as the API shows them: hours rounded to 0.01. */
public final class Hours {

    private Hours() {}

    public static Double of(Duration d) {
        return Math.round(d.toSeconds() / 36.0) / 100.0;
    }
}
