package org.lvs.sla.service;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.List;
import org.lvs.commons.messaging.OutgoingEvent;
import org.lvs.commons.outbox.Outbox;
import org.lvs.contract.Topics;
import org.lvs.contract.event.CaseEvent;
import org.lvs.sla.domain.ClockEvent;
import org.lvs.sla.persistence.CaseEntity;

/**
 * Puts a case's events on {@code cases.events} through the outbox, in the caller's transaction, so a change and its
 * event never part. Each event takes the case's next sequence number: its id is deterministic, and the row lock
 * the caller holds means no two transactions can hand out the same number.
 */
@ApplicationScoped
public class CaseEventEmitter {

    @Inject
    Outbox outbox;
    @Inject
    CapacityPolicy capacity;

    /** Emits one event with the case's facts as they are now (call after changing and storing the case). */
    public void emit(CaseEntity c, String type, Instant at, EventDetail d) {
        OutgoingEvent e = event(c, type, at, d);
        outbox.enqueue(e.topic(), e.key(), e.envelope());
    }

    /** Enqueues an event of another topic (an erasure) in the caller's transaction. */
    public void emit(OutgoingEvent e) {
        outbox.enqueue(e.topic(), e.key(), e.envelope());
    }

    public void emitClock(CaseEntity c, List<ClockEvent> events) {
        for (ClockEvent e : events) {
            emit(c, e.type(), e.at(), EventDetail.NONE);
        }
    }

    /** As {@link #emit}, but the event goes to {@code batch}, which the caller enqueues with the outbox at once. */
    public void collect(CaseEntity c, String type, Instant at, EventDetail d, List<OutgoingEvent> batch) {
        batch.add(event(c, type, at, d));
    }

    public void collectClock(CaseEntity c, List<ClockEvent> events, List<OutgoingEvent> batch) {
        for (ClockEvent e : events) {
            collect(c, e.type(), e.at(), EventDetail.NONE, batch);
        }
    }

    private OutgoingEvent event(CaseEntity c, String type, Instant at, EventDetail d) {
        c.sequence++;
        CaseEvent event = new CaseEvent(c.referralId, c.sequence, at, d.channel(), d.outcome(), d.supportTypes(),
                d.handler(), d.service(), d.stage(), d.scores(), d.closureReason(), c.source, c.status, c.priority,
                c.strand, c.pathway, c.area, c.clockState, c.startedAt, c.dueAt, c.targetHours, c.pausedSeconds,
                c.firstContactAt, c.worker, capacity.of(c.pathway));
        return new OutgoingEvent(Topics.CASES_EVENTS, c.referralId.toString(), event.toEnvelope(type));
    }
}
