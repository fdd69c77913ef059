package org.lvs.metrics.messaging;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.junit.jupiter.api.Test;
import org.lvs.commons.messaging.DeadLetters;
import org.lvs.contract.Roles;
import org.lvs.contract.Topics;
import org.lvs.contract.event.EventEnvelope;
import org.lvs.contract.event.EventTypes;
import org.lvs.contract.referral.Source;
import org.lvs.infra.test.LvsTestResources;
import org.lvs.infra.test.TestTokens;
import org.lvs.infra.test.TopicProbe;
import org.lvs.metrics.TestEvents.Decision;
import org.lvs.metrics.domain.ReportingPeriod;

/**
 * One polled batch as the channel hands it over, applied into the real database, with dead letters on the real
 * broker: the unreadable records of a batch are dead-lettered on their own and the good ones around them count.
 */
@QuarkusTest
@QuarkusTestResource(LvsTestResources.class)
class FactConsumersBatchTest {

    @Inject
    FactConsumers consumers;

    @Test
    void aPoisonRecordBetweenGoodOnesIsDeadLetteredAloneAndTheRestApplied() {
        int year = 2500 + ThreadLocalRandom.current().nextInt(400);
        String period = String.format("%d-%02d", year, (year + 1) % 100);
        Instant base = LocalDateTime.of(year, 6, 1, 9, 0)
                .atZone(ReportingPeriod.LONDON)
                .toInstant();
        Decision first = Decision.of(Source.ADT, base);
        Decision second = Decision.of(Source.MASH, base.plusSeconds(3600));
        EventEnvelope firstEvent = first.event().envelope();
        EventEnvelope notADecision = EventEnvelope.of(
                UUID.randomUUID(),
                EventTypes.REFERRAL_DECIDED,
                base,
                Map.of("version", 1)); // readable JSON, but no referralId or outcome

        List<ConsumerRecord<String, String>> batch = new ArrayList<>();
        batch.add(record(0, first.referralId().toString(), firstEvent.toJson()));
        batch.add(record(1, "poison", "{ not an event"));
        batch.add(record(2, "incomplete", notADecision.toJson()));
        batch.add(record(
                3, second.referralId().toString(), second.event().envelope().toJson()));
        batch.add(record(4, first.referralId().toString(), firstEvent.toJson())); // redelivered within the batch

        List<ConsumerRecord<String, String>> dead;
        try (TopicProbe dlq = TopicProbe.open(Topics.dlq(Topics.REFERRALS_TRIAGED))) {
            consumers.triaged(records(batch));
            dead = new ArrayList<>(dlq.awaitRecords(2, Duration.ofSeconds(30)));
            assertEquals(2, dead.size() + dlq.drain(Duration.ofSeconds(1)).size(), "only the two bad records");
        }

        dead.sort(Comparator.comparing(r -> header(r, "dead-letter-offset")));
        assertEquals("{ not an event", dead.get(0).value(), "the record itself is kept on the DLQ");
        assertEquals("1", header(dead.get(0), "dead-letter-offset"));
        assertEquals(Topics.REFERRALS_TRIAGED, header(dead.get(0), "dead-letter-topic"));
        assertFalse(header(dead.get(0), DeadLetters.REASON).isBlank(), "the reason is in the header");
        assertEquals("2", header(dead.get(1), "dead-letter-offset"));
        assertEquals(
                "unreadable record: a decision needs referralId and outcome", header(dead.get(1), DeadLetters.REASON));
        assertEquals(Channels.GROUP, header(dead.get(1), DeadLetters.GROUP));
        assertEquals("decode", header(dead.get(1), DeadLetters.STAGE));

        JsonPath summary = given().header("Authorization", TestTokens.bearer(Roles.OPS))
                .queryParam("period", period)
                .get("/api/v1/metrics/summary")
                .then()
                .statusCode(200)
                .extract()
                .jsonPath();
        assertEquals(2, summary.getInt("referrals.total"), "both good decisions applied, the repeated one once");
        assertEquals(Map.of("ADT", 1, "MASH", 1), summary.getMap("referrals.bySource"));

        // delivered again (a rebalance before the commit): nothing changes, nothing more is dead-lettered but the bad
        consumers.triaged(records(List.of(batch.get(0), batch.get(3))));
        assertEquals(
                2,
                given().header("Authorization", TestTokens.bearer(Roles.OPS))
                        .queryParam("period", period)
                        .get("/api/v1/metrics/summary")
                        .then()
                        .statusCode(200)
                        .extract()
                        .jsonPath()
                        .getInt("referrals.total"));
    }

    private static ConsumerRecords<String, String> records(List<ConsumerRecord<String, String>> batch) {
        return new ConsumerRecords<>(Map.of(new TopicPartition(Topics.REFERRALS_TRIAGED, 0), batch), Map.of());
    }

    private static ConsumerRecord<String, String> record(long offset, String key, String value) {
        return new ConsumerRecord<>(Topics.REFERRALS_TRIAGED, 0, offset, key, value);
    }

    private static String header(ConsumerRecord<String, String> record, String name) {
        Header header = record.headers().lastHeader(name);
        assertNotNull(header, "header " + name);
        return new String(header.value(), StandardCharsets.UTF_8);
    }
}
