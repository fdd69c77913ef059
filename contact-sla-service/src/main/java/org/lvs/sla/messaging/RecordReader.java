package org.lvs.sla.messaging;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Iterator;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.lvs.commons.failure.RejectedRecordException;
import org.lvs.commons.text.SafeText;
import org.lvs.contract.event.EventEnvelope;
import org.lvs.contract.event.EventJson;
import org.lvs.contract.event.MalformedEventException;

/**
 * The first look at a record of a topic this service reads: what can never be applied is refused here, at the
 * decode stage, so the batch consumer dead-letters it alone before anything is written. Messages name the topic,
 * the kind of problem and the field, never a value (they become dead-letter headers).
 */
final class RecordReader {

    private RecordReader() {}

    /**
     * The record's envelope, when it is one of {@code expectedType} with text every consumer can hold.
     *
     * @throws MalformedEventException  no value, or not an event envelope
     * @throws RejectedRecordException  another event type than the topic carries (interfaces.md: each topic has its
     *                                  types), or a text value with NUL, other control characters, lone surrogates
     *                                  or noncharacters (ingest refuses them at the edge; PostgreSQL refuses NUL)
     */
    static EventEnvelope read(ConsumerRecord<String, String> record, String expectedType) {
        if (record.value() == null) {
            throw new MalformedEventException("a record without a value on " + record.topic());
        }
        EventEnvelope envelope = EventJson.read(record.value());
        if (!expectedType.equals(envelope.type())) {
            throw new RejectedRecordException(
                    "an event type " + record.topic() + " does not carry (it carries " + expectedType + " only)");
        }
        checkText(envelope.payload(), "payload");
        return envelope;
    }

    /** Every text value of the payload, with its field path in the message when one is refused. */
    static void checkText(JsonNode node, String path) {
        if (node == null) {
            return;
        }
        if (node.isTextual()) {
            String problem = SafeText.problem(node.textValue(), SafeText.Kind.FREE_TEXT, Integer.MAX_VALUE);
            if (problem != null) {
                throw new RejectedRecordException(path + " " + problem);
            }
        } else if (node.isObject()) {
            for (Iterator<Map.Entry<String, JsonNode>> fields = node.fields(); fields.hasNext(); ) {
                Map.Entry<String, JsonNode> field = fields.next();
                String name = SafeText.isSafe(field.getKey(), SafeText.Kind.LINE, 100) ? field.getKey() : "?";
                checkText(field.getValue(), path + "." + name);
            }
        } else if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                checkText(node.get(i), path + "[" + i + "]");
            }
        }
    }
}
