package org.lvs.commons.messaging;

import org.lvs.contract.event.EventEnvelope;

/** One event bound for a topic under a key. */
public record OutgoingEvent(String topic, String key, EventEnvelope envelope) {}
