package org.lvs.sla.domain;

import java.time.Instant;

/**
 * A change of clock state to publish: {@code type} is one of the {@code SLA_*} event types, {@code at} when it
 * happened (a breach at its due time, an at-risk point at 75% of the target, a contact at its own time).
 */
public record ClockEvent(String type, Instant at) {
}
