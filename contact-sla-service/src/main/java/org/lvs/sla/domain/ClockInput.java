package org.lvs.sla.domain;

import java.time.Instant;

/**
 * One thing that happened to a contact clock, at its own time: what a case's clock is made of ({@link ClockHistory}).
 *
 * @param seq the order in which the service learned of it; breaks ties between inputs with the same {@code at}
 */
public record ClockInput(Kind kind, Instant at, Integer targetHours, long seq) {

    public enum Kind {
        /** The clock starts running ({@code targetHours}). */
        START,
        /** The clock starts paused: the case opened in a pausing status. */
        START_PAUSED,
        PAUSE,
        RESUME,
        /** A later decision changed the target to {@code targetHours}. */
        TARGET,
        /** A contact that counts as contact made. */
        CONTACT,
        /** Closed as CONSENT_WITHDRAWN or DUPLICATE. */
        CANCEL
    }
}
