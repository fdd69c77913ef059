package org.lvs.triage.messaging;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import java.time.Instant;
import org.lvs.contract.event.EventEnvelope;
import org.lvs.contract.event.EventJson;
import org.lvs.contract.event.EventTypes;
import org.lvs.contract.event.MalformedEventException;
import org.lvs.contract.event.ReferralReceived;
import org.lvs.contract.referral.Referral;

/**
 * Reads a {@code referrals.received} record into what triage needs, or throws {@link MalformedEventException} with a
 * reason (never the record's content: it carries personal data) so the record is dead-lettered.
 */
public final class ReceivedEvents {

    private ReceivedEvents() {
    }

    public record Received(EventEnvelope envelope, ReferralReceived payload) {
    }

    public static Received read(String json) {
        if (json == null || json.isBlank()) {
            throw new MalformedEventException("empty record");
        }
        EventEnvelope envelope;
        ReferralReceived received;
        try {
            envelope = EventJson.read(json);
            if (!EventTypes.REFERRAL_RECEIVED.equals(envelope.type())) {
                throw new MalformedEventException("unexpected event type " + envelope.type() + " on referrals.received");
            }
            received = envelope.payloadAs(ReferralReceived.class);
        } catch (MalformedEventException e) {
            throw withoutContent(e);
        }
        require(received.referralId() != null, "referralId");
        require(received.version() >= 1, "version");
        Referral referral = received.referral();
        require(referral != null, "referral");
        require(referral.source() != null, "referral.source");
        require(referral.sourceReference() != null && !referral.sourceReference().isBlank(),
                "referral.sourceReference");
        require(referral.recordedAt() != null, "referral.recordedAt");
        Instant receivedAt = received.receivedAt() != null ? received.receivedAt()
                : referral.receivedAt() != null ? referral.receivedAt() : envelope.occurredAt();
        if (receivedAt != received.receivedAt()) {
            received = new ReferralReceived(received.referralId(), received.version(), receivedAt,
                    received.firstReceivedAt(), referral);
        }
        return new Received(envelope, received);
    }

    /**
     * Jackson's messages may quote the offending value (a date of birth, a name): the reason names only the kind of
     * error and where it is (field path, line and column), never the content.
     */
    static MalformedEventException withoutContent(MalformedEventException e) {
        Throwable cause = e.getCause();
        if (cause instanceof JsonMappingException mapping) {
            return new MalformedEventException("not a ReferralReceived event: " + cause.getClass().getSimpleName()
                    + " at " + mapping.getPathReference(), e);
        }
        if (cause instanceof JsonProcessingException parsing) {
            var at = parsing.getLocation();
            return new MalformedEventException("not JSON: " + cause.getClass().getSimpleName()
                    + (at == null ? "" : " at line " + at.getLineNr() + ", column " + at.getColumnNr()), e);
        }
        if (cause != null) {
            return new MalformedEventException("incomplete event: " + cause.getClass().getSimpleName(), e);
        }
        return e;
    }

    private static void require(boolean present, String field) {
        if (!present) {
            throw new MalformedEventException("ReferralReceived without a valid " + field);
        }
    }
}
