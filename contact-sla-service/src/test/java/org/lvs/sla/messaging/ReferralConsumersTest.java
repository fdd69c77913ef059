package org.lvs.sla.messaging;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.lvs.commons.messaging.DeadLetters;
import org.lvs.contract.Topics;
import org.lvs.contract.event.EventEnvelope;
import org.lvs.contract.event.EventJson;
import org.lvs.contract.referral.Consent;
import org.lvs.infra.test.LvsTestResources;
import org.lvs.infra.test.TestClockProducer;
import org.lvs.infra.test.TopicProbe;
import org.lvs.sla.support.Api;
import org.lvs.sla.support.Upstream;

/**
 * Batches handed to the consumers as the connector would after one poll (so they surely are one batch); the
 * database, the outbox and the dead-letter topics are the real ones.
 */
@QuarkusTest
@QuarkusTestResource(LvsTestResources.class)
class ReferralConsumersTest {

    private static final Duration WAIT = Duration.ofSeconds(30);

    @Inject
    ReferralConsumers consumers;

    @AfterEach
    void resetClock() {
        TestClockProducer.CLOCK.reset();
    }

    @Test
    void aPoisonDecisionBetweenGoodOnesIsDeadLetteredAloneAndVersionsApplyInOrder() {
        UUID before = UUID.randomUUID();
        UUID amended = UUID.randomUUID();
        String poisonContent = UUID.randomUUID().toString();
        String poison = "{\"eventId\": \"" + poisonContent + "\", \"type\": \"ReferralDecided\", \"payload\": {";
        String poisonKey = UUID.randomUUID().toString();
        TopicPartition partition = new TopicPartition(Topics.REFERRALS_TRIAGED, 0);
        String v1 =
                Upstream.decision().id(amended).standard().build().toEnvelope().toJson();
        String v2 =
                Upstream.decision().id(amended).version(2).build().toEnvelope().toJson();
        List<ConsumerRecord<String, String>> records = List.of(
                record(
                        partition,
                        1,
                        before.toString(),
                        Upstream.decision().id(before).build().toEnvelope().toJson()),
                record(partition, 2, amended.toString(), v1),
                record(partition, 3, poisonKey, poison),
                record(partition, 4, amended.toString(), v2),
                record(partition, 5, amended.toString(), v1)); // a redelivered older version: changes nothing
        try (TopicProbe dlq = TopicProbe.open(Topics.dlq(Topics.REFERRALS_TRIAGED))) {
            consumers.onDecided(new ConsumerRecords<>(Map.of(partition, records), Map.of()));

            assertEquals("OPEN", Api.awaitCase(before).getString("status"));
            JsonPath c = Api.awaitCase(amended);
            assertEquals("PRIORITY", c.getString("priority"));
            assertEquals(48, c.getInt("clock.targetHours"));
            assertEquals(1, Api.eventCount(amended, "CaseOpened"));
            assertEquals(1, Api.eventCount(amended, "CaseUpdated"));

            List<ConsumerRecord<String, String>> dead = dlq.awaitRecords(1, WAIT).stream()
                    .filter(r -> poisonKey.equals(r.key()))
                    .toList();
            assertEquals(1, dead.size());
            assertEquals(poison, dead.get(0).value());
            String reason = new String(
                    dead.get(0).headers().lastHeader(DeadLetters.REASON).value(), StandardCharsets.UTF_8);
            assertFalse(reason.isBlank());
            assertFalse(reason.contains(poisonContent), "the reason never quotes the record");
            assertEquals(
                    "3",
                    new String(
                            dead.get(0)
                                    .headers()
                                    .lastHeader("dead-letter-offset")
                                    .value(),
                            StandardCharsets.UTF_8));
        }

        // the same batch again (a redelivery after a crash before the commit of offsets) changes nothing
        consumers.onDecided(new ConsumerRecords<>(Map.of(partition, records.subList(0, 2)), Map.of()));
        assertEquals(1, Api.eventCount(amended, "CaseOpened"));
        assertEquals(1, Api.eventCount(amended, "CaseUpdated"));
    }

    @Test
    void aPoisonReceivedRecordIsDeadLetteredAloneAndConsentWithdrawnInTheBatchErases() {
        UUID kept = UUID.randomUUID();
        UUID withdrawn = UUID.randomUUID();
        Upstream.decision().id(kept).send();
        Upstream.decision().id(withdrawn).send();
        Api.awaitCase(kept);
        Api.awaitCase(withdrawn);
        String poisonKey = UUID.randomUUID().toString();
        TopicPartition partition = new TopicPartition(Topics.REFERRALS_RECEIVED, 1);
        List<ConsumerRecord<String, String>> records = List.of(
                record(
                        partition,
                        10,
                        kept.toString(),
                        json(Upstream.received(kept, 1, "Jane", "Kept", "07700900123", "P-" + kept, Consent.EXPLICIT)
                                .toEnvelope())),
                record(
                        partition,
                        11,
                        withdrawn.toString(),
                        json(Upstream.received(
                                        withdrawn, 1, "Ann", "Gone", "07700900124", "P-" + withdrawn, Consent.EXPLICIT)
                                .toEnvelope())),
                record(partition, 12, poisonKey, "{not json"),
                record(
                        partition,
                        13,
                        withdrawn.toString(),
                        json(Upstream.received(
                                        withdrawn, 2, "Ann", "Gone", "07700900124", "P-" + withdrawn, Consent.REFUSED)
                                .toEnvelope())),
                record(
                        partition,
                        14,
                        withdrawn.toString(),
                        json(Upstream.received(
                                        withdrawn, 1, "Ann", "Gone", "07700900124", "P-" + withdrawn, Consent.EXPLICIT)
                                .toEnvelope())));
        try (TopicProbe dlq = TopicProbe.open(Topics.dlq(Topics.REFERRALS_RECEIVED))) {
            consumers.onReceived(new ConsumerRecords<>(Map.of(partition, records), Map.of()));

            assertEquals("Kept", Api.awaitCase(kept).getString("victim.lastName"));
            assertEquals(
                    0,
                    Api.count(
                            "select count(*) from sla.case_person where referral_id = ?::uuid", withdrawn.toString()));
            List<ConsumerRecord<String, String>> dead = dlq.awaitRecords(1, WAIT).stream()
                    .filter(r -> poisonKey.equals(r.key()))
                    .toList();
            assertEquals(1, dead.size());
            assertTrue(dead.get(0).headers().lastHeader(DeadLetters.REASON) != null);
        }
    }

    private static String json(EventEnvelope envelope) {
        return EventJson.write(envelope);
    }

    private static ConsumerRecord<String, String> record(
            TopicPartition partition, long offset, String key, String value) {
        return new ConsumerRecord<>(partition.topic(), partition.partition(), offset, key, value);
    }
}
