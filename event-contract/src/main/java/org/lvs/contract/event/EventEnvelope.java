package org.lvs.contract.event;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

/**
 * The envelope every event travels in.
 *
 * @param eventId       derived from what the event records ({@link EventIds}), so a re-publish carries the same id
 * @param type          one of {@link EventTypes}
 * @param occurredAt    when the recorded thing happened (historical time for replayed history)
 * @param schemaVersion version of the payload's shape
 * @param payload       the payload as JSON; read it with {@link #payloadAs(Class)}
 */
public record EventEnvelope(UUID eventId, String type, Instant occurredAt, int schemaVersion, JsonNode payload) {

    public static final int SCHEMA_VERSION = 1;

    public EventEnvelope {
        Objects.requireNonNull(eventId, "eventId");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(occurredAt, "occurredAt");
        Objects.requireNonNull(payload, "payload");
    }

    public static EventEnvelope of(UUID eventId, String type, Instant occurredAt, Object payload) {
        return new EventEnvelope(eventId, type, occurredAt, SCHEMA_VERSION, EventJson.toTree(payload));
    }

    public <T> T payloadAs(Class<T> payloadType) {
        return EventJson.fromTree(payload, payloadType);
    }

    /** The envelope as the JSON text that goes on the topic. */
    public String toJson() {
        return EventJson.write(this);
    }
}
