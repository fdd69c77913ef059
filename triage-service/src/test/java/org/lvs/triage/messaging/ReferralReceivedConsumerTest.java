package org.lvs.triage.messaging;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.lvs.triage.support.Events.RECORDED;
import static org.lvs.triage.support.Events.awaitFor;
import static org.lvs.triage.support.Events.awaitRecordsFor;
import static org.lvs.triage.support.Events.received;
import static org.lvs.triage.support.Events.referral;
import static org.lvs.triage.support.Events.send;
import static org.lvs.triage.support.Events.uniqueReference;
import static org.lvs.triage.support.Events.victim;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.lvs.commons.messaging.DeadLetters;
import org.lvs.contract.Roles;
import org.lvs.contract.Topics;
import org.lvs.contract.event.EventEnvelope;
import org.lvs.contract.event.EventJson;
import org.lvs.contract.event.EventTypes;
import org.lvs.contract.event.FeedbackIssued;
import org.lvs.contract.event.ReferralDecided;
import org.lvs.contract.event.ReferralReceived;
import org.lvs.contract.referral.Consent;
import org.lvs.contract.referral.CrimeCategory;
import org.lvs.contract.referral.Source;
import org.lvs.contract.triage.DataIssue;
import org.lvs.contract.triage.DecisionOutcome;
import org.lvs.contract.triage.Priority;
import org.lvs.contract.triage.ReasonCode;
import org.lvs.infra.test.LvsTestResources;
import org.lvs.infra.test.TestClockProducer;
import org.lvs.infra.test.TestTokens;
import org.lvs.infra.test.TopicProbe;

/** Referrals posted through the real broker, decided into the real database, read back from topics and the API. */
@QuarkusTest
@QuarkusTestResource(LvsTestResources.class)
class ReferralReceivedConsumerTest {

    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final Duration QUIET = Duration.ofSeconds(3);
    private static final Instant DECIDED_AT = Instant.parse("2026-01-05T10:00:00Z");

    @Inject
    ReferralReceivedConsumer consumer;

    @AfterEach
    void resetClock() {
        TestClockProducer.CLOCK.reset();
    }

    @Test
    void aNewReferralIsDecidedPublishedAndServed() {
        TestClockProducer.CLOCK.set(DECIDED_AT);
        UUID id = UUID.randomUUID();
        Instant receivedAt = RECORDED.plusSeconds(600);
        ReferralReceived event = received(
                id,
                referral(
                        Source.ADT,
                        uniqueReference("NEW"),
                        1,
                        RECORDED,
                        CrimeCategory.DOMESTIC_ABUSE,
                        victim(uniqueReference("P"), "07700 900123"),
                        Consent.EXPLICIT),
                receivedAt);
        try (TopicProbe triaged = TopicProbe.open(Topics.REFERRALS_TRIAGED)) {
            send(event);

            List<EventEnvelope> published = awaitFor(triaged, id, 1, WAIT);
            assertEquals(1, published.size());
            EventEnvelope envelope = published.get(0);
            assertEquals(EventTypes.REFERRAL_DECIDED, envelope.type());
            assertEquals(ReferralDecided.eventId(id, 1), envelope.eventId());
            assertEquals(receivedAt, envelope.occurredAt());
            ReferralDecided decided = envelope.payloadAs(ReferralDecided.class);
            assertEquals(DecisionOutcome.CASE_OPENED, decided.outcome());
            assertEquals(Priority.PRIORITY, decided.priority());
            assertEquals(48, decided.slaTargetHours());
            assertEquals(DECIDED_AT, decided.decidedAt());
            assertEquals("2017-1", decided.policyVersion());
            assertFalse(envelope.toJson().contains("Amina"), "no personal data on referrals.triaged");
        }

        given().header("Authorization", TestTokens.bearer(Roles.CASE_HANDLER))
                .get("/api/v1/triage/{id}", id)
                .then()
                .statusCode(200)
                .body("referralId", equalTo(id.toString()))
                .body("version", equalTo(1))
                .body("outcome", equalTo("CASE_OPENED"))
                .body("caseStatus", equalTo("OPEN"))
                .body("strand", equalTo("DOMESTIC_ABUSE"))
                .body("pathway", equalTo("IVA"))
                .body("provider", nullValue())
                .body(
                        "reasons.code",
                        contains(
                                "CONSENT_EXPLICIT",
                                "PRIORITY_MOST_SERIOUS_CRIME",
                                "ROUTE_DA_STANDARD_RISK",
                                "DA_RISK_NOT_GRADED"))
                .body("decidedAt", equalTo(DECIDED_AT.toString()));
    }

    @Test
    void anAmendmentIsDecidedAfreshAndReplacesTheDecision() {
        UUID id = UUID.randomUUID();
        String ref = uniqueReference("AMEND");
        String personRef = uniqueReference("P");
        ReferralReceived v1 = received(
                id,
                referral(
                        Source.ADT,
                        ref,
                        1,
                        RECORDED,
                        CrimeCategory.BURGLARY,
                        victim(personRef, null),
                        Consent.EXPLICIT),
                RECORDED.plusSeconds(60));
        ReferralReceived v2 = received(
                id,
                referral(
                        Source.ADT,
                        ref,
                        2,
                        RECORDED,
                        CrimeCategory.BURGLARY,
                        victim(personRef, "07700900123"),
                        Consent.EXPLICIT),
                RECORDED.plusSeconds(3600));
        try (TopicProbe triaged = TopicProbe.open(Topics.REFERRALS_TRIAGED);
                TopicProbe feedback = TopicProbe.open(Topics.REFERRALS_FEEDBACK)) {
            send(v1);
            ReferralDecided first = awaitFor(triaged, id, 1, WAIT).get(0).payloadAs(ReferralDecided.class);
            assertEquals(DataIssue.INSUFFICIENT_DATA, first.dataIssue());
            List<ConsumerRecord<String, String>> issued = awaitRecordsFor(feedback, id, 1, WAIT);
            FeedbackIssued fb = EventJson.read(issued.get(0).value()).payloadAs(FeedbackIssued.class);
            assertEquals(List.of("victim.phone", "victim.email", "victim.address"), fb.missingFields());
            assertEquals("ADT", issued.get(0).key());

            send(v2);
            ReferralDecided second = awaitFor(triaged, id, 1, WAIT).get(0).payloadAs(ReferralDecided.class);
            assertEquals(2, second.version());
            assertEquals(null, second.dataIssue());
            assertEquals(v2.receivedAt(), second.receivedAt());
        }
        given().header("Authorization", TestTokens.bearer(Roles.REFERRER))
                .get("/api/v1/triage/{id}", id)
                .then()
                .statusCode(200)
                .body("version", equalTo(2))
                .body("caseStatus", equalTo("OPEN"))
                .body("dataIssue", nullValue());
    }

    @Test
    void aRedeliveryOrALateLowerVersionChangesNothingAndPublishesNothing() {
        UUID id = UUID.randomUUID();
        String ref = uniqueReference("REDELIVER");
        ReferralReceived v1 = received(
                id,
                referral(
                        Source.ADT,
                        ref,
                        1,
                        RECORDED,
                        CrimeCategory.THEFT,
                        victim(uniqueReference("P"), "07700900123"),
                        Consent.EXPLICIT),
                RECORDED.plusSeconds(60));
        ReferralReceived v2 = received(
                id,
                referral(
                        Source.ADT,
                        ref,
                        2,
                        RECORDED,
                        CrimeCategory.ROBBERY,
                        victim(uniqueReference("P"), "07700900123"),
                        Consent.EXPLICIT),
                RECORDED.plusSeconds(120));
        try (TopicProbe triaged = TopicProbe.open(Topics.REFERRALS_TRIAGED)) {
            send(v2);
            send(v2);
            send(v1);
            List<EventEnvelope> published = awaitFor(triaged, id, 2, QUIET.multipliedBy(3));
            assertEquals(1, published.size(), "one decision for version 2, none for the redelivery or version 1");
            assertEquals(2, published.get(0).payloadAs(ReferralDecided.class).version());
        }
        given().header("Authorization", TestTokens.bearer(Roles.ADMIN))
                .get("/api/v1/triage/{id}", id)
                .then()
                .statusCode(200)
                .body("version", equalTo(2))
                .body("reasons.detail", hasItem("ROBBERY"));
    }

    @Test
    void aVictimWithTwoOtherReferralsInTheYearIsPersistentlyTargeted() throws Exception {
        String personRef = uniqueReference("REPEAT");
        UUID[] ids = {UUID.randomUUID(), UUID.randomUUID(), UUID.randomUUID()};
        Instant[] recorded = {RECORDED.minus(Duration.ofDays(300)), RECORDED.minus(Duration.ofDays(20)), RECORDED};
        try (TopicProbe triaged = TopicProbe.open(Topics.REFERRALS_TRIAGED)) {
            for (int i = 0; i < 3; i++) {
                ReferralReceived event = received(
                        ids[i],
                        referral(
                                Source.OFFICER_DIRECT,
                                uniqueReference("R" + i),
                                1,
                                recorded[i],
                                CrimeCategory.BURGLARY,
                                victim(personRef, "07700900123"),
                                Consent.EXPLICIT),
                        recorded[i].plusSeconds(60));
                send(event);
                // one at a time: the repeat count sees only referrals decided before
                ReferralDecided decided =
                        awaitFor(triaged, ids[i], 1, WAIT).get(0).payloadAs(ReferralDecided.class);
                boolean targeted = decided.hasReason(ReasonCode.PRIORITY_PERSISTENTLY_TARGETED);
                assertEquals(i == 2, targeted, "referral " + i);
                assertEquals(i == 2 ? Priority.PRIORITY : Priority.STANDARD, decided.priority());
            }
        }
        given().header("Authorization", TestTokens.bearer(Roles.CASE_HANDLER))
                .get("/api/v1/triage/{id}", ids[2])
                .then()
                .statusCode(200)
                .body("priority", equalTo("PRIORITY"))
                .body("reasons.detail", hasItem("REPEAT_VICTIM_DETECTED"));

        // Triage keeps only keyed hashes of identities, never the identities themselves.
        try (Connection c = LvsTestResources.connection();
                Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT person_ref_hash, name_dob_hash FROM triage.victim_identity "
                        + "WHERE referral_id = '" + ids[2] + "'")) {
            assertTrue(rs.next());
            assertEquals(64, rs.getString(1).length());
            assertEquals(64, rs.getString(2).length());
            assertFalse(rs.getString(1).contains(personRef));
        }
    }

    @Test
    void aPoisonMessageLandsOnTheDeadLetterTopicWithItsReason() {
        String key = UUID.randomUUID().toString();
        try (TopicProbe dlq = TopicProbe.open(Topics.dlq(Topics.REFERRALS_RECEIVED))) {
            TopicProbe.send(Topics.REFERRALS_RECEIVED, key, "{not json");
            TopicProbe.send(
                    Topics.REFERRALS_RECEIVED,
                    key,
                    EventEnvelope.of(UUID.randomUUID(), EventTypes.CASE_OPENED, RECORDED, Map.of("x", 1))
                            .toJson());

            List<ConsumerRecord<String, String>> dead = dlq.awaitRecords(2, WAIT).stream()
                    .filter(r -> key.equals(r.key()))
                    .toList();
            assertEquals(2, dead.size());
            assertEquals("{not json", dead.get(0).value());
            for (ConsumerRecord<String, String> record : dead) {
                Header reason = record.headers().lastHeader("dead-letter-reason");
                assertNotNull(reason, "reason header");
                assertFalse(new String(reason.value(), StandardCharsets.UTF_8).isBlank());
            }
            assertTrue(new String(
                            dead.get(1)
                                    .headers()
                                    .lastHeader("dead-letter-reason")
                                    .value(),
                            StandardCharsets.UTF_8)
                    .contains("unexpected event type"));
        }
        // The consumer carries on after a poison message.
        UUID id = UUID.randomUUID();
        try (TopicProbe triaged = TopicProbe.open(Topics.REFERRALS_TRIAGED)) {
            send(received(
                    id,
                    referral(
                            Source.ADT,
                            uniqueReference("AFTER"),
                            1,
                            RECORDED,
                            CrimeCategory.FRAUD,
                            victim(uniqueReference("P"), "07700900123"),
                            Consent.EXPLICIT),
                    RECORDED));
            assertEquals(1, awaitFor(triaged, id, 1, WAIT).size());
        }
    }

    @Test
    void aPoisonRecordBetweenGoodOnesOfABatchIsDeadLetteredAlone() {
        // The batch is handed to the consumer as the connector would after one poll, so it surely is one batch; the
        // database, the outbox and the dead-letter topic are the real ones.
        UUID before = UUID.randomUUID();
        UUID after = UUID.randomUUID();
        String poisonKey = UUID.randomUUID().toString();
        String poisonContent = UUID.randomUUID().toString();
        String poison = "{\"eventId\": \"" + poisonContent + "\", \"type\": \"ReferralReceived\", \"payload\": {";
        TopicPartition partition = new TopicPartition(Topics.REFERRALS_RECEIVED, 0);
        List<ConsumerRecord<String, String>> records = List.of(
                record(
                        partition,
                        1,
                        before.toString(),
                        received(
                                        before,
                                        referral(
                                                Source.ADT,
                                                uniqueReference("BEFORE"),
                                                1,
                                                RECORDED,
                                                CrimeCategory.FRAUD,
                                                victim(uniqueReference("P"), "07700900123"),
                                                Consent.EXPLICIT),
                                        RECORDED)
                                .toEnvelope()
                                .toJson()),
                record(partition, 2, poisonKey, poison),
                record(
                        partition,
                        3,
                        after.toString(),
                        received(
                                        after,
                                        referral(
                                                Source.ADT,
                                                uniqueReference("AFTER"),
                                                1,
                                                RECORDED,
                                                CrimeCategory.FRAUD,
                                                victim(uniqueReference("P"), "07700900123"),
                                                Consent.EXPLICIT),
                                        RECORDED)
                                .toEnvelope()
                                .toJson()));
        try (TopicProbe dlq = TopicProbe.open(Topics.dlq(Topics.REFERRALS_RECEIVED));
                TopicProbe triaged = TopicProbe.open(Topics.REFERRALS_TRIAGED)) {
            consumer.consume(new ConsumerRecords<>(Map.of(partition, records), Map.of()));

            List<String> decided = new ArrayList<>();
            Instant deadline = Instant.now().plus(WAIT);
            while (decided.size() < 2 && Instant.now().isBefore(deadline)) {
                triaged.awaitEnvelopes(1, Duration.ofMillis(500)).stream()
                        .map(e -> e.payload().path("referralId").asText())
                        .filter(id -> id.equals(before.toString()) || id.equals(after.toString()))
                        .forEach(decided::add);
            }
            assertEquals(2, decided.size(), "both decided, once each");
            assertEquals(Set.of(before.toString(), after.toString()), Set.copyOf(decided));
            List<ConsumerRecord<String, String>> dead = dlq.awaitRecords(1, WAIT).stream()
                    .filter(r -> poisonKey.equals(r.key()))
                    .toList();
            assertEquals(1, dead.size());
            assertEquals(poison, dead.get(0).value());
            String reason = new String(
                    dead.get(0).headers().lastHeader(DeadLetters.REASON).value(), StandardCharsets.UTF_8);
            assertTrue(reason.contains("not a ReferralReceived event") || reason.contains("not JSON"), reason);
            assertFalse(reason.contains(poisonContent), "the reason never quotes the record");
            assertEquals(
                    "2",
                    new String(
                            dead.get(0)
                                    .headers()
                                    .lastHeader("dead-letter-offset")
                                    .value(),
                            StandardCharsets.UTF_8));
        }
    }

    private static ConsumerRecord<String, String> record(
            TopicPartition partition, long offset, String key, String value) {
        return new ConsumerRecord<>(partition.topic(), partition.partition(), offset, key, value);
    }

    @Test
    void aReferralWithoutConsentIsDeclinedAndFedBackWithoutPersonalData() {
        UUID id = UUID.randomUUID();
        ReferralReceived event = received(
                id,
                referral(
                        Source.MASH,
                        uniqueReference("NOCONSENT"),
                        1,
                        RECORDED,
                        CrimeCategory.ASSAULT,
                        victim("P-SECRET", "07700900123"),
                        Consent.REFUSED),
                RECORDED);
        try (TopicProbe triaged = TopicProbe.open(Topics.REFERRALS_TRIAGED);
                TopicProbe feedback = TopicProbe.open(Topics.REFERRALS_FEEDBACK)) {
            send(event);
            ReferralDecided decided = awaitFor(triaged, id, 1, WAIT).get(0).payloadAs(ReferralDecided.class);
            assertEquals(DecisionOutcome.DECLINED_NO_CONSENT, decided.outcome());
            assertEquals(null, decided.caseStatus());
            List<EventEnvelope> issued = awaitFor(feedback, id, 1, WAIT);
            FeedbackIssued fb = issued.get(0).payloadAs(FeedbackIssued.class);
            assertEquals(DataIssue.NO_CONSENT, fb.dataIssue());
            assertEquals(List.of("consent"), fb.missingFields());
            assertEquals(List.of(ReasonCode.CONSENT_REFUSED), fb.reasonCodes());
            assertEquals(FeedbackIssued.eventId(id, 1), issued.get(0).eventId());
        }
    }
}
