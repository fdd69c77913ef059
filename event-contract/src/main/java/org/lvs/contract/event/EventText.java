package org.lvs.contract.event;

import java.time.Instant;
import java.util.UUID;

/**
 * An event as the text that goes on a topic, with its id. {@link #of(UUID, String, Instant, Object)} writes the text
 * {@link EventEnvelope#of} followed by {@link EventEnvelope#toJson()} writes, straight from the payload: the envelope
 * keeps its payload as a JSON tree, and building that tree only to write it was about a seventh of ingest's CPU and a
 * fifteenth of contact-sla's in the pipeline's profile. Producers write events this way; consumers read them as
 * {@link EventEnvelope}s. (The one difference: a {@code BigDecimal} would keep its trailing zeros, which the tree
 * drops; no payload of the contract has one.)
 */
public record EventText(UUID eventId, String json) {

    /** The envelope's text for this payload (a payload record, not a JSON tree). */
    public static EventText of(UUID eventId, String type, Instant occurredAt, Object payload) {
        return new EventText(eventId, EventJson.writeEnvelope(eventId, type, occurredAt, payload));
    }

    /** An envelope already built (with its tree), as text. */
    public static EventText of(EventEnvelope envelope) {
        return new EventText(envelope.eventId(), envelope.toJson());
    }
}
