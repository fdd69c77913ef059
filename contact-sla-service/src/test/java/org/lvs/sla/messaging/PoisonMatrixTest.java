package org.lvs.sla.messaging;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.lvs.commons.messaging.DeadLetters;
import org.lvs.contract.Topics;
import org.lvs.contract.event.EventEnvelope;
import org.lvs.contract.event.EventJson;
import org.lvs.contract.event.ReferralReceived;
import org.lvs.contract.referral.Consent;
import org.lvs.infra.test.LvsTestResources;
import org.lvs.infra.test.TopicProbe;
import org.lvs.sla.support.Api;
import org.lvs.sla.support.Upstream;

/**
 * The poison matrix of both consumed topics (issue 10): an unparseable record, an unknown event type, a record the
 * database refuses and text no consumer can hold (NUL), each between valid records of one poll. Each poison lands
 * alone in its topic's {@code .dlq} with reason, group and stage headers that quote nothing of the record; every valid
 * record of the poll is applied; the channel stays live and keeps consuming from the real topic.
 */
@QuarkusTest
@QuarkusTestResource(LvsTestResources.class)
class PoisonMatrixTest {

    private static final Duration WAIT = Duration.ofSeconds(60);

    @Inject
    ReferralConsumers consumers;

    /** A poison record: what it is, its record, the stage it must fail at, and values no header may quote. */
    private record Poison(
            String name, String key, String value, String stage, String reasonMentions, List<String> secrets) {}

    @Test
    void decisionsPoisonMatrix() {
        TopicPartition partition = new TopicPartition(Topics.REFERRALS_TRIAGED, 0);
        String marker = "AREA-" + UUID.randomUUID();
        List<Poison> poisons = List.of(
                new Poison(
                        "unparseable JSON",
                        key(),
                        "{\"eventId\": \"" + marker + "\", \"type\": \"Referral",
                        "decode",
                        "unreadable",
                        List.of(marker)),
                new Poison(
                        "unknown type",
                        key(),
                        retyped(Upstream.decision().area(marker).build().toEnvelope(), "ReferralDiscussed"),
                        "decode",
                        "rejected",
                        List.of(marker)),
                new Poison(
                        "the database refuses it (timestamp out of PostgreSQL's range: SQLSTATE 22008)",
                        key(),
                        Upstream.decision()
                                .area(marker)
                                .receivedAt(Instant.parse("+294300-01-01T00:00:00Z"))
                                .build()
                                .toEnvelope()
                                .toJson(),
                        "apply",
                        "22008",
                        List.of(marker)),
                new Poison(
                        "NUL in a stored string",
                        key(),
                        Upstream.decision()
                                .area(marker + "\u0000")
                                .build()
                                .toEnvelope()
                                .toJson(),
                        "decode",
                        "payload.area",
                        List.of(marker)),
                new Poison(
                        "NUL byte in the raw JSON",
                        key(),
                        Upstream.decision()
                                .area(marker + "\u0001")
                                .build()
                                .toEnvelope()
                                .toJson()
                                .replace("\\u0001", "\u0000"),
                        "decode",
                        "unreadable",
                        List.of(marker)));
        List<UUID> valid = new ArrayList<>();
        List<ConsumerRecord<String, String>> batch = new ArrayList<>();
        long offset = 100;
        for (Poison poison : poisons) {
            UUID id = UUID.randomUUID();
            valid.add(id);
            batch.add(record(
                    partition,
                    offset++,
                    id.toString(),
                    Upstream.decision().id(id).build().toEnvelope().toJson()));
            batch.add(record(partition, offset++, poison.key(), poison.value()));
        }
        check(
                Topics.REFERRALS_TRIAGED,
                poisons,
                batch,
                records -> consumers.onDecided(new ConsumerRecords<>(Map.of(partition, records), Map.of())));
        valid.forEach(id -> assertEquals("OPEN", Api.awaitCase(id).getString("status")));

        // the channel is healthy: a decision sent afterwards through the real topic is applied
        UUID after = Upstream.decision().send().referralId;
        Api.awaitCase(after);
    }

    @Test
    void receivedReferralsPoisonMatrix() {
        TopicPartition partition = new TopicPartition(Topics.REFERRALS_RECEIVED, 2);
        String name = "Poison" + UUID.randomUUID().toString().substring(0, 8);
        String phone = "07700 9" + (10000 + new SecureRandom().nextInt(89999));
        List<String> secrets = List.of(name, phone.replace(" ", ""), "1 High Street");
        UUID unknownType = UUID.randomUUID();
        UUID refused = UUID.randomUUID();
        UUID nul = UUID.randomUUID();
        List<Poison> poisons = List.of(
                new Poison(
                        "unparseable JSON",
                        key(),
                        "{\"payload\": {\"referral\": {\"victim\": {\"lastName\": \"" + name + "\"",
                        "decode",
                        "unreadable",
                        secrets),
                new Poison(
                        "unknown type",
                        unknownType.toString(),
                        retyped(received(unknownType, name, phone).toEnvelope(), "ReferralForgotten"),
                        "decode",
                        "rejected",
                        secrets),
                // a name no index can hold (btree rows are limited to ~2.7 kB): PostgreSQL refuses the row with
                // SQLSTATE 54000, a code nobody classifies, so it is dead-lettered once the database still answers
                new Poison(
                        "the database refuses it (index row too large: SQLSTATE 54000)",
                        refused.toString(),
                        received(refused, incompressible(12_000) + name, phone)
                                .toEnvelope()
                                .toJson(),
                        "apply",
                        "54000",
                        secrets),
                new Poison(
                        "NUL in a name",
                        nul.toString(),
                        received(nul, name + "\u0000", phone).toEnvelope().toJson(),
                        "decode",
                        "payload.referral.victim.lastName",
                        secrets));
        List<UUID> valid = new ArrayList<>();
        List<ConsumerRecord<String, String>> batch = new ArrayList<>();
        long offset = 100;
        for (Poison poison : poisons) {
            UUID id = UUID.randomUUID();
            Upstream.decision().id(id).send();
            valid.add(id);
            batch.add(record(
                    partition,
                    offset++,
                    id.toString(),
                    received(id, "Valid", "07700 900123").toEnvelope().toJson()));
            batch.add(record(partition, offset++, poison.key(), poison.value()));
        }
        valid.forEach(Api::awaitCase);
        check(
                Topics.REFERRALS_RECEIVED,
                poisons,
                batch,
                records -> consumers.onReceived(new ConsumerRecords<>(Map.of(partition, records), Map.of())));
        valid.forEach(id -> assertEquals("Valid", Api.get(id).jsonPath().getString("victim.lastName")));
        assertEquals(
                0,
                Api.count(
                        "select count(*) from sla.case_person where referral_id = any(?::uuid[])",
                        "{" + refused + "," + nul + "," + unknownType + "}"));

        // the channel is healthy: a referral sent afterwards through the real topic is applied
        UUID after = Upstream.decision().send().referralId;
        Api.awaitCase(after);
        Upstream.send(received(after, "After", "07700 900124"));
        Awaitility.await()
                .atMost(WAIT)
                .until(() -> "After".equals(Api.get(after).jsonPath().getString("victim.lastName")));
    }

    /** Consumes the poll, then checks each poison is alone in the .dlq with safe headers, and liveness is UP. */
    private static void check(
            String topic,
            List<Poison> poisons,
            List<ConsumerRecord<String, String>> batch,
            Consumer<List<ConsumerRecord<String, String>>> consume) {
        try (TopicProbe dlq = TopicProbe.open(Topics.dlq(topic))) {
            consume.accept(batch);
            Map<String, Poison> byKey = new LinkedHashMap<>();
            poisons.forEach(p -> byKey.put(p.key(), p));
            List<ConsumerRecord<String, String>> dead = new ArrayList<>();
            long deadline = System.nanoTime() + WAIT.toNanos();
            while (dead.size() < poisons.size() && System.nanoTime() < deadline) {
                dlq.awaitRecords(1, Duration.ofSeconds(1)).stream()
                        .filter(r -> byKey.containsKey(r.key()))
                        .forEach(dead::add);
            }
            dead.addAll(dlq.drain(Duration.ofSeconds(2)).stream()
                    .filter(r -> byKey.containsKey(r.key()))
                    .toList());
            assertEquals(
                    poisons.size(),
                    dead.size(),
                    "each poison dead-lettered once: "
                            + dead.stream().map(ConsumerRecord::key).toList());
            for (ConsumerRecord<String, String> letter : dead) {
                Poison poison = byKey.get(letter.key());
                assertEquals(poison.value(), letter.value(), poison.name() + ": the record as it was");
                assertEquals(ReferralConsumers.GROUP, header(letter, DeadLetters.GROUP), poison.name());
                assertEquals(poison.stage(), header(letter, DeadLetters.STAGE), poison.name());
                String reason = header(letter, DeadLetters.REASON);
                assertTrue(reason.contains(poison.reasonMentions()), poison.name() + ": reason was " + reason);
                for (Header h : letter.headers()) {
                    String value = new String(h.value(), StandardCharsets.UTF_8);
                    for (String secret : poison.secrets()) {
                        assertFalse(
                                value.contains(secret),
                                poison.name() + ": header " + h.key() + " quotes " + "the record");
                    }
                }
            }
        }
        given().get("/q/health/live").then().statusCode(200).body("status", equalTo("UP"));
    }

    private static ReferralReceived received(UUID id, String lastName, String phone) {
        return Upstream.received(id, 1, "Pat", lastName, phone, "P-" + id, Consent.EXPLICIT);
    }

    private static String retyped(EventEnvelope envelope, String type) {
        return EventJson.write(new EventEnvelope(
                envelope.eventId(), type, envelope.occurredAt(), envelope.schemaVersion(), envelope.payload()));
    }

    private static String incompressible(int length) {
        SecureRandom random = new SecureRandom();
        String alphabet = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";
        StringBuilder s = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            s.append(alphabet.charAt(random.nextInt(alphabet.length())));
        }
        return s.toString();
    }

    private static String key() {
        return "poison-" + UUID.randomUUID();
    }

    private static String header(ConsumerRecord<String, String> record, String name) {
        Header h = record.headers().lastHeader(name);
        return h == null ? null : new String(h.value(), StandardCharsets.UTF_8);
    }

    private static ConsumerRecord<String, String> record(
            TopicPartition partition, long offset, String key, String value) {
        return new ConsumerRecord<>(partition.topic(), partition.partition(), offset, key, value);
    }
}
