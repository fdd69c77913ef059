package org.lvs.triage.messaging;

import org.lvs.contract.event.EventEnvelope;
import org.lvs.contract.event.EventJson;
import org.lvs.contract.event.EventTypes;
import org.lvs.contract.event.MalformedEventException;
import org.lvs.contract.event.PersonalDataErased;
import org.lvs.triage.domain.Erasure;

/**
 * Reads a {@code cases.erasures} record, or throws {@link MalformedEventException} (never quoting the record) so it
 * is dead-lettered: not JSON, another event type, or a {@code PersonalDataErased} without its referral. A missing
 * {@code at} is the envelope's {@code occurredAt}; the reason is kept as given (the database refuses what it cannot
 * hold, which dead-letters the record just as well).
 */
public final class ErasureEvents {

    private ErasureEvents() {}

    public static Erasure read(String json) {
        if (json == null || json.isBlank()) {
            throw new MalformedEventException("empty record");
        }
        EventEnvelope envelope = EventJson.read(json);
        if (!EventTypes.PERSONAL_DATA_ERASED.equals(envelope.type())) {
            throw new MalformedEventException("unexpected event type " + envelope.type() + " on cases.erasures");
        }
        PersonalDataErased erased = envelope.payloadAs(PersonalDataErased.class);
        if (erased.referralId() == null) {
            throw new MalformedEventException("PersonalDataErased without a valid referralId");
        }
        return new Erasure(
                erased.referralId(),
                erased.reason() == null ? "UNSPECIFIED" : erased.reason(),
                erased.at() == null ? envelope.occurredAt() : erased.at());
    }
}
