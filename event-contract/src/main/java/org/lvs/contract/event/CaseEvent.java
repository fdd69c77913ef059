package org.lvs.contract.event;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.lvs.contract.casework.CaseStatus;
import org.lvs.contract.casework.ClockState;
import org.lvs.contract.casework.ClosureReason;
import org.lvs.contract.casework.ContactChannel;
import org.lvs.contract.casework.ContactOutcome;
import org.lvs.contract.casework.OnwardService;
import org.lvs.contract.casework.OutcomeStage;
import org.lvs.contract.casework.SupportType;
import org.lvs.contract.referral.Source;
import org.lvs.contract.triage.Pathway;
import org.lvs.contract.triage.Priority;
import org.lvs.contract.triage.Strand;

/**
 * Payload of every event on {@code cases.events} (the envelope's {@code type} says which): the event's own fields
 * (null where they do not apply) and the case's facts after it. No personal data: no name, contact detail or note.
 *
 * @param at             when the recorded thing happened (a contact's {@code at}, a breach's due time, ...)
 * @param sequence       the case's own event counter, so an event's id is unique and deterministic per case
 * @param capacity       the capacity of the case's pathway (caseloads are judged against it)
 * @param pausedSeconds  time the clock spent paused so far
 */
public record CaseEvent(
        UUID referralId,
        long sequence,
        Instant at,
        // the event's own fields
        ContactChannel channel,
        ContactOutcome outcome,
        List<SupportType> supportTypes,
        String handler,
        OnwardService service,
        OutcomeStage stage,
        Map<String, Integer> scores,
        ClosureReason closureReason,
        // the case's facts after the event
        Source source,
        CaseStatus status,
        Priority priority,
        Strand strand,
        Pathway pathway,
        String area,
        ClockState clockState,
        Instant startedAt,
        Instant dueAt,
        Integer targetHours,
        long pausedSeconds,
        Instant firstContactAt,
        String worker,
        Integer capacity) {

    public CaseEvent {
        supportTypes = supportTypes == null ? List.of() : List.copyOf(supportTypes);
        scores = scores == null ? Map.of() : Map.copyOf(scores);
    }

    /** Deterministic id: the case, its event counter and the type. */
    public static UUID eventId(UUID referralId, long sequence, String type) {
        return EventIds.of(referralId, sequence, type);
    }

    public EventEnvelope toEnvelope(String type) {
        return EventEnvelope.of(eventId(referralId, sequence, type), type, at, this);
    }

    /** The same event as {@link #toEnvelope(String)}, written as text without its tree (for producers). */
    public EventText toText(String type) {
        return EventText.of(eventId(referralId, sequence, type), type, at, this);
    }
}
