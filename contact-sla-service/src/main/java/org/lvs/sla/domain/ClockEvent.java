package org.lvs.sla.domain;

import java.time.Instant;
import org.lvs.contract.casework.ClockState;

/**
 * A change of clock state to publish: {@code type} is one of the {@code SLA_*} event types, {@code at} when it
 * happened (a breach at its due time, an at-risk point at 75% of the target, a contact at its own time), and the
 * clock as it stood right after it, so an at-risk point emitted together with a later breach still says AT_RISK.
 */
public record ClockEvent(
        String type,
        Instant at,
        ClockState state,
        Instant dueAt,
        int targetHours,
        long pausedSeconds,
        Instant firstContactAt) {

    /** What identifies a published event: its type and its time (the rest is the clock's state after it). */
    public String key() {
        return type + "@" + at;
    }
}
