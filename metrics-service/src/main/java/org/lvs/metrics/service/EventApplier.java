package org.lvs.metrics.service;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.jboss.logging.Logger;
import org.lvs.commons.idempotency.ProcessedEvents;
import org.lvs.contract.Topics;
import org.lvs.contract.event.CaseEvent;
import org.lvs.contract.event.EventEnvelope;
import org.lvs.contract.event.EventTypes;
import org.lvs.contract.event.IntakeRecorded;
import org.lvs.contract.event.MalformedEventException;
import org.lvs.contract.event.ReferralDecided;
import org.lvs.metrics.persistence.FactStore;

/**
 * Applies one event to the fact tables, once: the processed-event mark and the facts commit in one transaction. An
 * event type this service does not use is marked processed and otherwise ignored (forward compatible).
 */
@ApplicationScoped
public class EventApplier {

    /** The consumer name in the processed-event log. */
    public static final String CONSUMER = "metrics";

    private static final Logger LOG = Logger.getLogger(EventApplier.class);

    @Inject
    ProcessedEvents processedEvents;

    @Inject
    FactStore facts;

    /** Lag compares with the broker's timestamps, which are wall-clock time whatever the injected clock says. */
    private final Clock systemClock = Clock.systemUTC();

    @Inject
    MetricsChanges changes;

    /**
     * @param publishedAt the Kafka record's timestamp (when it was published), for the lag; null if unknown
     * @return true when the event was new and applied
     */
    @Transactional
    public boolean apply(String topic, EventEnvelope envelope, Instant publishedAt) {
        if (!processedEvents.firstTime(envelope.eventId(), CONSUMER)) {
            return false;
        }
        switch (topic) {
            case Topics.REFERRALS_TRIAGED -> applyDecision(envelope);
            case Topics.REFERRALS_INTAKE -> applyIntake(envelope);
            case Topics.CASES_EVENTS -> applyCaseEvent(envelope);
            default -> throw new MalformedEventException("metrics does not read topic " + topic);
        }
        Long lagMillis = publishedAt == null ? null
                : Math.max(0, Duration.between(publishedAt, Instant.now(systemClock)).toMillis());
        changes.afterCommit(lagMillis);
        return true;
    }

    private void applyDecision(EventEnvelope envelope) {
        if (!EventTypes.REFERRAL_DECIDED.equals(envelope.type())) {
            LOG.debugf("ignoring %s on %s", envelope.type(), Topics.REFERRALS_TRIAGED);
            return;
        }
        ReferralDecided decision = envelope.payloadAs(ReferralDecided.class);
        if (decision.referralId() == null || decision.outcome() == null) {
            throw new MalformedEventException("a decision needs referralId and outcome");
        }
        facts.recordDecision(decision);
    }

    private void applyIntake(EventEnvelope envelope) {
        if (!EventTypes.INTAKE_RECORDED.equals(envelope.type())) {
            return;
        }
        IntakeRecorded record = envelope.payloadAs(IntakeRecorded.class);
        if (record.recordId() == null || record.status() == null) {
            throw new MalformedEventException("an intake record needs recordId and status");
        }
        facts.recordIntake(record, envelope.occurredAt());
    }

    private void applyCaseEvent(EventEnvelope envelope) {
        CaseEvent event = envelope.payloadAs(CaseEvent.class);
        if (event.referralId() == null) {
            throw new MalformedEventException("a case event needs referralId");
        }
        String type = envelope.type();
        facts.recordCaseFacts(type, event);
        switch (type) {
            case EventTypes.CONTACT_RECORDED -> facts.recordContact(withAt(event, envelope));
            case EventTypes.SERVICE_REQUESTED -> facts.recordServiceEvent("REQUESTED", withAt(event, envelope));
            case EventTypes.SERVICE_STARTED -> facts.recordServiceEvent("STARTED", withAt(event, envelope));
            case EventTypes.OUTCOME_RECORDED -> facts.recordOutcome(withAt(event, envelope));
            default -> {
                // clock and status events only move the case's facts
            }
        }
    }

    /** An event's own time is its {@code at}; where a producer left it out, the envelope's occurredAt. */
    private static CaseEvent withAt(CaseEvent e, EventEnvelope envelope) {
        if (e.at() != null) {
            return e;
        }
        return new CaseEvent(e.referralId(), e.sequence(), envelope.occurredAt(), e.channel(), e.outcome(),
                e.supportTypes(), e.handler(), e.service(), e.stage(), e.scores(), e.closureReason(), e.source(),
                e.status(), e.priority(), e.strand(), e.pathway(), e.area(), e.clockState(), e.startedAt(),
                e.dueAt(), e.targetHours(), e.pausedSeconds(), e.firstContactAt(), e.worker(), e.capacity());
    }
}
