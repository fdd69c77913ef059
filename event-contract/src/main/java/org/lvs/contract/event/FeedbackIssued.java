package org.lvs.contract.event;

import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.lvs.contract.referral.Source;
import org.lvs.contract.triage.DataIssue;
import org.lvs.contract.triage.ReasonCode;

/**
 * Payload of {@code FeedbackIssued} on {@code referrals.feedback}: a record the police should correct and send again
 * with a higher version. Nothing personal beyond {@code sourceReference}.
 *
 * @param missingFields names (not values) of the fields that were missing or invalid, e.g. {@code victim.phone}
 */
public record FeedbackIssued(
        UUID referralId,
        Source source,
        String sourceReference,
        int version,
        DataIssue dataIssue,
        List<ReasonCode> reasonCodes,
        List<String> missingFields,
        Instant decidedAt) {

    public FeedbackIssued {
        reasonCodes = reasonCodes == null ? List.of() : List.copyOf(reasonCodes);
        missingFields = missingFields == null ? List.of() : List.copyOf(missingFields);
    }

    public static UUID eventId(UUID referralId, int version) {
        return EventIds.of(referralId, version, EventTypes.FEEDBACK_ISSUED);
    }

    public EventEnvelope toEnvelope(Instant occurredAt) {
        return EventEnvelope.of(eventId(referralId, version), EventTypes.FEEDBACK_ISSUED, occurredAt, this);
    }
}
