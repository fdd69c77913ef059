package org.lvs.contract.event;

import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.lvs.contract.FieldError;

/**
 * Payload of {@code IntakeRecorded} on {@code referrals.intake}: one record a source sent and what became of it.
 * No personal data; {@code source} is the text as sent (a rejected record may name no valid source).
 *
 * @param referralId null for a rejected record
 * @param recordId   unique per record sent (the request or batch position), so the event id is deterministic
 * @param errors     the bad fields of a rejected record (field names and messages only, never the values)
 */
public record IntakeRecorded(
        String recordId,
        UUID referralId,
        String source,
        String sourceReference,
        Integer version,
        Long feedSequence,
        String batchId,
        IntakeStatus status,
        List<FieldError> errors,
        Instant at) {

    public IntakeRecorded {
        errors = errors == null ? List.of() : List.copyOf(errors);
    }

    public EventEnvelope toEnvelope() {
        return EventEnvelope.of(
                EventIds.of(recordId, EventTypes.INTAKE_RECORDED), EventTypes.INTAKE_RECORDED, at, this);
    }

    /** The same event as {@link #toEnvelope()}, written as text without its tree (for producers). */
    public EventText toText() {
        return EventText.of(EventIds.of(recordId, EventTypes.INTAKE_RECORDED), EventTypes.INTAKE_RECORDED, at, this);
    }
}
