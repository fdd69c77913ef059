package org.lvs.metrics.service;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.lvs.commons.idempotency.ProcessedEvents;
import org.lvs.contract.Topics;
import org.lvs.contract.event.CaseEvent;
import org.lvs.contract.event.EventEnvelope;
import org.lvs.contract.event.EventTypes;
import org.lvs.contract.event.IntakeRecorded;
import org.lvs.contract.event.MalformedEventException;
import org.lvs.contract.event.ReferralDecided;
import org.lvs.metrics.persistence.FactStore;
import org.lvs.metrics.persistence.FactStore.TypedCaseEvent;

/**
 * Applies events to the fact tables, once: the processed-event marks and the facts commit in one transaction. An
 * event type its topic does not carry is unreadable (dead-lettered by the consumer, never silently skipped).
 *
 * <p>Events are first {@linkplain #decode decoded} outside any transaction, so an event that cannot be applied is
 * known (and dead-lettered) before its batch is written; then {@link #applyBatch} writes a whole batch at once.
 */
@ApplicationScoped
public class EventApplier {

    /** The consumer name in the processed-event log. */
    public static final String CONSUMER = "metrics";

    /** The types on {@code cases.events} (interfaces.md): the case work and the contact clock. */
    static final Set<String> CASE_EVENT_TYPES = Set.of(EventTypes.CASE_OPENED, EventTypes.CASE_UPDATED,
            EventTypes.CONTACT_RECORDED, EventTypes.CASE_ASSIGNED, EventTypes.SERVICE_REQUESTED,
            EventTypes.SERVICE_STARTED, EventTypes.OUTCOME_RECORDED, EventTypes.CASE_CLOSED, EventTypes.SLA_STARTED,
            EventTypes.SLA_PAUSED, EventTypes.SLA_RESUMED, EventTypes.SLA_AT_RISK, EventTypes.SLA_BREACHED,
            EventTypes.SLA_MET, EventTypes.SLA_MET_LATE, EventTypes.SLA_CANCELLED);

    /**
     * An event checked and ready to write.
     *
     * @param payload the {@link ReferralDecided}, {@link IntakeRecorded} or {@link TypedCaseEvent} to record
     * @param publishedAt the Kafka record's timestamp (for the lag), or null if unknown
     */
    public record Decoded(String topic, EventEnvelope envelope, Object payload, Instant publishedAt) {
    }

    /** What a batch did: events newly applied, and those skipped as already processed. */
    public record BatchResult(int applied, int duplicates) {
    }

    @Inject
    ProcessedEvents processedEvents;

    @Inject
    FactStore facts;

    /** Lag compares with the broker's timestamps, which are wall-clock time whatever the injected clock says. */
    private final Clock systemClock = Clock.systemUTC();

    @Inject
    MetricsChanges changes;

    /**
     * Applies one event in its own transaction.
     *
     * @param publishedAt the Kafka record's timestamp (when it was published), for the lag; null if unknown
     * @return true when the event was new and applied
     */
    @Transactional
    public boolean apply(String topic, EventEnvelope envelope, Instant publishedAt) {
        return apply(decode(topic, envelope, publishedAt));
    }

    /** Applies one decoded event in its own transaction; true when it was new. */
    @Transactional
    public boolean apply(Decoded event) {
        if (!processedEvents.firstTime(event.envelope().eventId(), CONSUMER)) {
            return false;
        }
        write(event.topic(), List.of(event));
        changes.afterCommit(lagMillis(event.publishedAt()));
        return true;
    }

    /**
     * Applies a batch of decoded events of one topic in one transaction: marks them processed in one statement,
     * then writes the facts of those that were new (each once, even if the batch holds it twice).
     */
    @Transactional
    public BatchResult applyBatch(String topic, List<Decoded> events) {
        if (events.isEmpty()) {
            return new BatchResult(0, 0);
        }
        Set<java.util.UUID> fresh = processedEvents.firstTimeAll(
                events.stream().map(e -> e.envelope().eventId()).toList(), CONSUMER);
        List<Decoded> toApply = new ArrayList<>(fresh.size());
        Instant newestPublished = null;
        for (Decoded e : events) {
            if (fresh.remove(e.envelope().eventId())) {
                toApply.add(e);
                if (e.publishedAt() != null && (newestPublished == null || e.publishedAt().isAfter(newestPublished))) {
                    newestPublished = e.publishedAt();
                }
            }
        }
        if (!toApply.isEmpty()) {
            write(topic, toApply);
            changes.afterCommit(lagMillis(newestPublished));
        }
        return new BatchResult(toApply.size(), events.size() - toApply.size());
    }

    /**
     * Checks an event read from a topic and extracts what it records; throws {@link MalformedEventException} when it
     * cannot be applied (then it is dead-lettered, and never marked processed).
     */
    public static Decoded decode(String topic, EventEnvelope envelope, Instant publishedAt) {
        if (envelope.eventId() == null) {
            throw new MalformedEventException("an event needs an eventId");
        }
        Object payload = switch (topic) {
            case Topics.REFERRALS_TRIAGED -> decision(envelope);
            case Topics.REFERRALS_INTAKE -> intake(envelope);
            case Topics.CASES_EVENTS -> caseEvent(envelope);
            default -> throw new MalformedEventException("metrics does not read topic " + topic);
        };
        return new Decoded(topic, envelope, payload, publishedAt);
    }

    private void write(String topic, List<Decoded> events) {
        switch (topic) {
            case Topics.REFERRALS_TRIAGED -> facts.recordDecisions(payloads(events, ReferralDecided.class));
            case Topics.REFERRALS_INTAKE -> {
                List<IntakeRecorded> records = new ArrayList<>();
                List<Instant> fallbackAts = new ArrayList<>();
                for (Decoded e : events) {
                    if (e.payload() instanceof IntakeRecorded r) {
                        records.add(r);
                        fallbackAts.add(e.envelope().occurredAt());
                    }
                }
                facts.recordIntakes(records, fallbackAts);
            }
            case Topics.CASES_EVENTS -> facts.recordCaseEvents(payloads(events, TypedCaseEvent.class));
            default -> throw new MalformedEventException("metrics does not read topic " + topic);
        }
    }

    private static <T> List<T> payloads(List<Decoded> events, Class<T> type) {
        List<T> payloads = new ArrayList<>(events.size());
        for (Decoded e : events) {
            if (type.isInstance(e.payload())) {
                payloads.add(type.cast(e.payload()));
            }
        }
        return payloads;
    }

    private Long lagMillis(Instant publishedAt) {
        return publishedAt == null ? null
                : Math.max(0, Duration.between(publishedAt, Instant.now(systemClock)).toMillis());
    }

    private static ReferralDecided decision(EventEnvelope envelope) {
        requireType(envelope, Topics.REFERRALS_TRIAGED, Set.of(EventTypes.REFERRAL_DECIDED));
        ReferralDecided decision = envelope.payloadAs(ReferralDecided.class);
        if (decision.referralId() == null || decision.outcome() == null) {
            throw new MalformedEventException("a decision needs referralId and outcome");
        }
        return decision;
    }

    private static IntakeRecorded intake(EventEnvelope envelope) {
        requireType(envelope, Topics.REFERRALS_INTAKE, Set.of(EventTypes.INTAKE_RECORDED));
        IntakeRecorded record = envelope.payloadAs(IntakeRecorded.class);
        if (record.recordId() == null || record.status() == null) {
            throw new MalformedEventException("an intake record needs recordId and status");
        }
        return record;
    }

    private static TypedCaseEvent caseEvent(EventEnvelope envelope) {
        requireType(envelope, Topics.CASES_EVENTS, CASE_EVENT_TYPES);
        CaseEvent event = envelope.payloadAs(CaseEvent.class);
        if (event.referralId() == null) {
            throw new MalformedEventException("a case event needs referralId");
        }
        return new TypedCaseEvent(envelope.type(), withAt(event, envelope));
    }

    /**
     * An event type the topic does not carry (interfaces.md) is a permanent failure: dead-lettered, so an operator sees
     * it, rather than skipped unseen. The message names the topic, never the type read (it is record content).
     */
    private static void requireType(EventEnvelope envelope, String topic, Set<String> known) {
        if (!known.contains(envelope.type())) {
            throw new MalformedEventException("unknown event type for " + topic);
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
