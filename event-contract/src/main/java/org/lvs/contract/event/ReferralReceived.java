package org.lvs.contract.event;

import java.time.Instant;
import java.util.UUID;
import org.lvs.contract.referral.Referral;

/**
 * Payload of {@code ReferralReceived} on {@code referrals.received}: a referral version the broker acknowledged.
 * The referral is already minimised when consent is missing ({@link Referral#asPublishable()}).
 *
 * @param receivedAt      when this version was received
 * @param firstReceivedAt when the first version of this referral was received (the referral's period)
 */
public record ReferralReceived(
        UUID referralId, int version, Instant receivedAt, Instant firstReceivedAt, Referral referral) {

    public static UUID eventId(UUID referralId, int version) {
        return EventIds.of(referralId, version, EventTypes.REFERRAL_RECEIVED);
    }

    public EventEnvelope toEnvelope() {
        return EventEnvelope.of(eventId(referralId, version), EventTypes.REFERRAL_RECEIVED, receivedAt, this);
    }

    /** The same event as {@link #toEnvelope()}, written as text without its tree (for producers). */
    public EventText toText() {
        return EventText.of(eventId(referralId, version), EventTypes.REFERRAL_RECEIVED, receivedAt, this);
    }
}
