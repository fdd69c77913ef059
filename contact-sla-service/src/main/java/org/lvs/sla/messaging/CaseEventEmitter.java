package org.lvs.sla.messaging;

import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.List;
import org.lvs.commons.messaging.OutgoingEvent;
import org.lvs.commons.outbox.Outbox;
import org.lvs.contract.Topics;
import org.lvs.contract.event.CaseEvent;
import org.lvs.sla.config.CapacityPolicy;
import org.lvs.sla.domain.ClockEvent;
import org.lvs.sla.persistence.CaseEntity;

/**
 * Puts a case's events on {@code cases.events} through the outbox, in the caller's transaction, so a change and its
 * event never part. Each event takes the case's next sequence number: its id is deterministic, and the row lock
 * the caller holds means no two transactions can hand out the same number.
 */
@ApplicationScoped
public class CaseEventEmitter {

    private final Outbox outbox;
    private final CapacityPolicy capacity;

    CaseEventEmitter(Outbox outbox, CapacityPolicy capacity) {
        this.outbox = outbox;
        this.capacity = capacity;
    }

    /**
     * Enqueues collected events (with an erasure's on another topic, if any) in their order with one statement, in the
     * caller's transaction.
     */
    public void emitAll(List<OutgoingEvent> events) {
        outbox.enqueueAll(events);
    }

    /**
     * Adds an event with the case's facts as they are now (call after changing the case) to {@code batch}, which the
     * caller enqueues at once ({@link #emitAll}).
     */
    public void collect(CaseEntity c, String type, Instant at, EventDetail d, List<OutgoingEvent> batch) {
        batch.add(event(c, type, at, d));
    }

    public void collectClock(CaseEntity c, List<ClockEvent> events, List<OutgoingEvent> batch) {
        for (ClockEvent e : events) {
            batch.add(event(c, e.type(), e.at(), EventDetail.NONE, e));
        }
    }

    private OutgoingEvent event(CaseEntity c, String type, Instant at, EventDetail d) {
        return event(c, type, at, d, null);
    }

    /** The case's facts now; for a clock event the clock's as they stood right after it. */
    private OutgoingEvent event(CaseEntity c, String type, Instant at, EventDetail d, ClockEvent clock) {
        c.sequence++;
        CaseEvent event = new CaseEvent(
                c.referralId,
                c.sequence,
                at,
                d.channel(),
                d.outcome(),
                d.supportTypes(),
                d.handler(),
                d.service(),
                d.stage(),
                d.scores(),
                d.closureReason(),
                c.source,
                c.status,
                c.priority,
                c.strand,
                c.pathway,
                c.area,
                clock != null ? clock.state() : c.clockState,
                c.startedAt,
                clock != null ? clock.dueAt() : c.dueAt,
                clock != null ? clock.targetHours() : c.targetHours,
                clock != null ? clock.pausedSeconds() : c.pausedSeconds,
                clock != null ? clock.firstContactAt() : c.firstContactAt,
                c.worker,
                capacity.of(c.pathway));
        return new OutgoingEvent(Topics.CASES_EVENTS, c.referralId.toString(), event.toText(type));
    }
}
