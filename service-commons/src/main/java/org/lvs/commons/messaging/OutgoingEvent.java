package org.lvs.commons.messaging;

import org.lvs.contract.event.EventEnvelope;
import org.lvs.contract.event.EventText;

/** One event bound for a topic under a key, already written as its text ({@link EventText}). */
public record OutgoingEvent(String topic, String key, EventText event) {

    /** An event built as an envelope (with its payload's tree). */
    public OutgoingEvent(String topic, String key, EventEnvelope envelope) {
        this(topic, key, EventText.of(envelope));
    }
}
