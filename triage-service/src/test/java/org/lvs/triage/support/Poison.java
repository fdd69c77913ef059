package org.lvs.triage.support;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.lvs.commons.messaging.DeadLetters;
import org.lvs.infra.test.TopicProbe;

/**
 * One poison record of a consumer's poison matrix, and what its dead letter must say. Records of a poll are built as
 * the connector hands them over, so a test can prove what happens to the rest of the same poll.
 *
 * @param name         what is wrong with it (for messages)
 * @param key          the record's key: unique per test, so its dead letter is found among others
 * @param value        the record as sent
 * @param stage        the failing stage the dead letter must name (decode or apply)
 * @param reasonPart   a part the dead-letter reason must contain
 */
public record Poison(String name, String key, String value, String stage, String reasonPart) {

    /** A poll of these records on partition 0 of {@code topic}, offsets from 1 in order. */
    public static ConsumerRecords<String, String> poll(String topic, List<Map.Entry<String, String>> keyedValues) {
        TopicPartition partition = new TopicPartition(topic, 0);
        List<ConsumerRecord<String, String>> records = new ArrayList<>();
        long offset = 1;
        for (Map.Entry<String, String> r : keyedValues) {
            records.add(new ConsumerRecord<>(topic, 0, offset++, r.getKey(), r.getValue()));
        }
        return new ConsumerRecords<>(Map.of(partition, records), Map.of());
    }

    /** The dead letters with these keys that arrive within the timeout (stops once each key has one). */
    public static Map<String, List<ConsumerRecord<String, String>>> deadLetters(
            TopicProbe dlq, Set<String> keys, Duration timeout) {
        Map<String, List<ConsumerRecord<String, String>>> byKey = new HashMap<>();
        Instant deadline = Instant.now().plus(timeout);
        while (byKey.size() < keys.size() && Instant.now().isBefore(deadline)) {
            for (ConsumerRecord<String, String> r : dlq.awaitRecords(1, Duration.ofMillis(500))) {
                if (keys.contains(r.key())) {
                    byKey.computeIfAbsent(r.key(), k -> new ArrayList<>()).add(r);
                }
            }
        }
        return byKey;
    }

    /**
     * The dead letter is this record, unchanged, with its reason, group and stage, and no header holds any of the
     * record's personal values.
     */
    public void assertLetter(
            ConsumerRecord<String, String> letter, String sourceTopic, String group, List<String> personalValues) {
        assertEquals(value, letter.value(), name + ": the record as it was");
        String reason = header(letter, DeadLetters.REASON);
        assertTrue(reason.contains(reasonPart), name + ": reason " + reason);
        assertEquals(group, header(letter, DeadLetters.GROUP), name);
        assertEquals(stage, header(letter, DeadLetters.STAGE), name);
        assertEquals(sourceTopic, header(letter, DeadLetters.TOPIC), name);
        assertFalse(header(letter, DeadLetters.CAUSE).isBlank(), name + ": cause");
        for (Header header : letter.headers()) {
            String text = new String(header.value(), StandardCharsets.UTF_8);
            assertFalse(text.indexOf('\u0000') >= 0, name + ": header " + header.key() + " holds a NUL");
            for (String personal : personalValues) {
                assertFalse(text.contains(personal), name + ": header " + header.key() + " quotes personal data");
            }
        }
    }

    public static String header(ConsumerRecord<String, String> record, String name) {
        Header header = record.headers().lastHeader(name);
        assertNotNull(header, "header " + name);
        return new String(header.value(), StandardCharsets.UTF_8);
    }

    /** Liveness is UP (every consumer healthy or waiting, none crashed or stuck). */
    public static void assertLive() {
        given().get("/q/health/live").then().statusCode(200).body("status", equalTo("UP"));
    }
}
