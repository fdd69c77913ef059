package org.lvs.metrics.service;

import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.lvs.commons.messaging.TypedEventReader;
import org.lvs.contract.Topics;
import org.lvs.contract.event.CaseEvent;
import org.lvs.contract.event.EventEnvelope;
import org.lvs.contract.event.EventJson;
import org.lvs.contract.event.EventTypes;
import org.lvs.contract.event.IntakeRecorded;
import org.lvs.contract.event.MalformedEventException;
import org.lvs.contract.event.PersonalDataErased;
import org.lvs.contract.event.ReferralDecided;
import org.lvs.metrics.persistence.FactStore.TypedCaseEvent;
import org.lvs.metrics.service.EventApplier.Decoded;

/**
 * Reads a record of a consumed topic into what it records, or throws {@link MalformedEventException} when it cannot
 * be applied (then it is dead-lettered, and never marked applied).
 *
 * <p>Each topic carries one payload type, so a record is first read in one pass straight into that type (the
 * contract's envelope holds its payload as a JSON tree, read a second time into the type: a profile showed the two
 * passes among the consumer's largest costs). Whatever that pass does not accept as a complete, known event is read
 * again the contract's way, which gives the same event or the same failure (and dead-letter reason) as before.
 */
public final class EventDecoder {

    /** The types on {@code cases.events} (interfaces.md): the case work and the contact clock. */
    static final Set<String> CASE_EVENT_TYPES = Set.of(
            EventTypes.CASE_OPENED,
            EventTypes.CASE_UPDATED,
            EventTypes.CONTACT_RECORDED,
            EventTypes.CASE_ASSIGNED,
            EventTypes.SERVICE_REQUESTED,
            EventTypes.SERVICE_STARTED,
            EventTypes.OUTCOME_RECORDED,
            EventTypes.CASE_CLOSED,
            EventTypes.SLA_STARTED,
            EventTypes.SLA_PAUSED,
            EventTypes.SLA_RESUMED,
            EventTypes.SLA_AT_RISK,
            EventTypes.SLA_BREACHED,
            EventTypes.SLA_MET,
            EventTypes.SLA_MET_LATE,
            EventTypes.SLA_CANCELLED);

    /** Each topic's events read in one pass straight into its payload type (see {@link TypedEventReader}). */
    private static final Map<String, TypedEventReader<?>> ONE_PASS = Map.of(
            Topics.REFERRALS_TRIAGED,
            new TypedEventReader<>(ReferralDecided.class, EventTypes.REFERRAL_DECIDED),
            Topics.REFERRALS_INTAKE,
            new TypedEventReader<>(IntakeRecorded.class, EventTypes.INTAKE_RECORDED),
            Topics.CASES_EVENTS,
            new TypedEventReader<>(CaseEvent.class, CASE_EVENT_TYPES),
            Topics.CASES_ERASURES,
            new TypedEventReader<>(PersonalDataErased.class, EventTypes.PERSONAL_DATA_ERASED));

    private EventDecoder() {}

    /** The record's event, checked and ready to write. */
    public static Decoded read(String topic, String json, Instant publishedAt) {
        Decoded quick = readInOnePass(topic, json, publishedAt);
        return quick != null ? quick : decode(topic, EventJson.read(json), publishedAt);
    }

    /** The event read straight into its topic's type, or null when only the contract's reading can say why not. */
    private static Decoded readInOnePass(String topic, String json, Instant publishedAt) {
        TypedEventReader<?> reader = ONE_PASS.get(topic);
        if (reader == null) {
            return null;
        }
        Optional<? extends TypedEventReader.Typed<?>> read = reader.read(json);
        if (read.isEmpty()) {
            return null;
        }
        TypedEventReader.Typed<?> envelope = read.get();
        try {
            Object payload = checked(topic, envelope.type(), envelope.occurredAt(), envelope.payload());
            return new Decoded(topic, envelope.eventId(), envelope.occurredAt(), payload, publishedAt);
        } catch (MalformedEventException e) {
            return null;
        }
    }

    /** The contract's reading: the envelope with its payload as a tree, then the payload as the topic's type. */
    static Decoded decode(String topic, EventEnvelope envelope, Instant publishedAt) {
        if (envelope.eventId() == null) {
            throw new MalformedEventException("an event needs an eventId");
        }
        Class<?> payloadType = switch (topic) {
            case Topics.REFERRALS_TRIAGED -> ReferralDecided.class;
            case Topics.REFERRALS_INTAKE -> IntakeRecorded.class;
            case Topics.CASES_EVENTS -> CaseEvent.class;
            case Topics.CASES_ERASURES -> PersonalDataErased.class;
            default -> throw new MalformedEventException("metrics does not read topic " + topic);
        };
        requireType(topic, envelope.type());
        Object payload = checked(topic, envelope.type(), envelope.occurredAt(), envelope.payloadAs(payloadType));
        return new Decoded(topic, envelope.eventId(), envelope.occurredAt(), payload, publishedAt);
    }

    private static Object checked(String topic, String type, Instant occurredAt, Object payload) {
        requireType(topic, type);
        return switch (topic) {
            case Topics.REFERRALS_TRIAGED -> decision((ReferralDecided) payload);
            case Topics.REFERRALS_INTAKE -> intake((IntakeRecorded) payload);
            case Topics.CASES_EVENTS -> caseEvent(type, occurredAt, (CaseEvent) payload);
            case Topics.CASES_ERASURES -> erasure((PersonalDataErased) payload);
            default -> throw new MalformedEventException("metrics does not read topic " + topic);
        };
    }

    /**
     * An event type its topic does not carry (interfaces.md) is a permanent failure: dead-lettered, so an operator
     * sees it, rather than skipped unseen. The message names the topic, never the type read (it is record content).
     */
    private static void requireType(String topic, String type) {
        Set<String> known = switch (topic) {
            case Topics.REFERRALS_TRIAGED -> Set.of(EventTypes.REFERRAL_DECIDED);
            case Topics.REFERRALS_INTAKE -> Set.of(EventTypes.INTAKE_RECORDED);
            case Topics.CASES_EVENTS -> CASE_EVENT_TYPES;
            case Topics.CASES_ERASURES -> Set.of(EventTypes.PERSONAL_DATA_ERASED);
            default -> throw new MalformedEventException("metrics does not read topic " + topic);
        };
        if (!known.contains(type)) {
            throw new MalformedEventException("unknown event type for " + topic);
        }
    }

    private static ReferralDecided decision(ReferralDecided decision) {
        if (decision.referralId() == null || decision.outcome() == null) {
            throw new MalformedEventException("a decision needs referralId and outcome");
        }
        return decision;
    }

    private static IntakeRecorded intake(IntakeRecorded record) {
        if (record.recordId() == null || record.status() == null) {
            throw new MalformedEventException("an intake record needs recordId and status");
        }
        return record;
    }

    private static PersonalDataErased erasure(PersonalDataErased erasure) {
        if (erasure.referralId() == null) {
            throw new MalformedEventException("an erasure needs referralId");
        }
        return erasure;
    }

    private static TypedCaseEvent caseEvent(String type, Instant occurredAt, CaseEvent event) {
        if (event.referralId() == null) {
            throw new MalformedEventException("a case event needs referralId");
        }
        return new TypedCaseEvent(type, withAt(event, occurredAt));
    }

    /** An event's own time is its {@code at}; where a producer left it out, the envelope's occurredAt. */
    private static CaseEvent withAt(CaseEvent e, Instant occurredAt) {
        if (e.at() != null) {
            return e;
        }
        return new CaseEvent(
                e.referralId(),
                e.sequence(),
                occurredAt,
                e.channel(),
                e.outcome(),
                e.supportTypes(),
                e.handler(),
                e.service(),
                e.stage(),
                e.scores(),
                e.closureReason(),
                e.source(),
                e.status(),
                e.priority(),
                e.strand(),
                e.pathway(),
                e.area(),
                e.clockState(),
                e.startedAt(),
                e.dueAt(),
                e.targetHours(),
                e.pausedSeconds(),
                e.firstContactAt(),
                e.worker(),
                e.capacity());
    }
}
