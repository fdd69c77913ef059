package org.lvs.commons.messaging;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.lvs.contract.event.EventEnvelope;
import org.lvs.contract.event.EventJson;

class TypedEventReaderTest {

    record Place(String town, String postcode) {}

    record Sample(String name, List<String> tags, Map<String, String> notes, int count, Instant at, Place place) {}

    private static final TypedEventReader<Sample> READER = new TypedEventReader<>(Sample.class, "SampleHappened");
    private static final String ID = UUID.randomUUID().toString();

    private static String envelope(String payload) {
        return "{\"eventId\":\"" + ID + "\",\"type\":\"SampleHappened\",\"occurredAt\":\"2017-07-03T09:15:30Z\","
                + "\"schemaVersion\":1,\"payload\":" + payload + "}";
    }

    private static final String PAYLOAD = "{\"name\":\"line one\\nline two\\tend\",\"tags\":[\"a\",\"b\"],"
            + "\"notes\":{\"k\":\"v\"},\"count\":3,\"at\":\"2017-07-01T00:00:00Z\","
            + "\"place\":{\"town\":\"Leeds\",\"postcode\":null}}";

    @Test
    void aWholeEventIsReadAsTheContractReadsIt() {
        String json = envelope(PAYLOAD);
        TypedEventReader.Typed<Sample> typed = READER.read(json).orElseThrow();
        EventEnvelope contract = EventJson.read(json);
        assertEquals(contract.eventId(), typed.eventId());
        assertEquals(contract.type(), typed.type());
        assertEquals(contract.occurredAt(), typed.occurredAt());
        assertEquals(contract.schemaVersion(), typed.schemaVersion());
        assertEquals(contract.payloadAs(Sample.class), typed.payload());
    }

    @Test
    void whatThePassCannotVouchForIsLeftToTheContractsReading() {
        for (String payload : List.of(
                PAYLOAD.replace("line one", "nul \\u0000 here"), // NUL in a text field
                PAYLOAD.replace("\"b\"", "\"\\u0007\""), // a control character in a list of text
                PAYLOAD.replace("\"v\"", "\"\\ud800\""), // a lone surrogate in a map of text
                PAYLOAD.replace("\"Leeds\"", "\"\\uffff\""), // a noncharacter in a nested record
                PAYLOAD.replace("\"count\":3", "\"count\":3,\"extra\":\"\\u0000\""), // a field the type does not know
                PAYLOAD.replace("\"count\":3", "\"count\":3,\"count\":4"), // a duplicate key
                PAYLOAD.replace("\"line one\\nline two\\tend\"", "42"), // a number where text belongs
                PAYLOAD.replace("\"count\":3", "\"count\":null"), // null for a number
                "null",
                "[]")) {
            assertTrue(READER.read(envelope(payload)).isEmpty(), payload);
        }
        assertTrue(
                READER.read(envelope(PAYLOAD).replace("SampleHappened", "OtherHappened"))
                        .isEmpty(),
                "type");
        assertTrue(
                READER.read(envelope(PAYLOAD).replace("\"eventId\":\"" + ID + "\",", ""))
                        .isEmpty(),
                "no id");
        assertTrue(READER.read("not json").isEmpty());
        assertTrue(READER.read(null).isEmpty());
    }
}
