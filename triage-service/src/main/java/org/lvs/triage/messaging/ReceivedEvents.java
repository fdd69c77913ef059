package org.lvs.triage.messaging;

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
        EventEnvelope envelope = EventJson.read(json);
        if (!EventTypes.REFERRAL_RECEIVED.equals(envelope.type())) {
            throw new MalformedEventException("unexpected event type " + envelope.type() + " on referrals.received");
        }
        ReferralReceived received = envelope.payloadAs(ReferralReceived.class);
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

    private static void require(boolean present, String field) {
        if (!present) {
            throw new MalformedEventException("ReferralReceived without a valid " + field);
        }
    }
}
