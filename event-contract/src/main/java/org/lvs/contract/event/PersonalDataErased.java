package org.lvs.contract.event;

import java.time.Instant;
import java.util.UUID;
import org.lvs.contract.referral.Source;

/**
 * Payload of {@code PersonalDataErased} on {@code cases.erasures}: the personal data of a referral's victim was erased
 * in contact-sla-service (by an admin, or because consent was withdrawn). No personal data. Each service removes its
 * re-identifying traces of {@code referralId}; counts stay.
 *
 * @param reason {@code ADMIN_REQUEST} or {@code CONSENT_WITHDRAWN}
 * @param at     when the erasure happened
 */
public record PersonalDataErased(UUID referralId, Source source, String reason, Instant at) {

    public static final String ADMIN_REQUEST = "ADMIN_REQUEST";
    public static final String CONSENT_WITHDRAWN = "CONSENT_WITHDRAWN";

    /** One erasure per referral counts: erasing again changes nothing, so the id is the referral's. */
    public EventEnvelope toEnvelope() {
        return EventEnvelope.of(
                EventIds.of(referralId, EventTypes.PERSONAL_DATA_ERASED), EventTypes.PERSONAL_DATA_ERASED, at, this);
    }
}
