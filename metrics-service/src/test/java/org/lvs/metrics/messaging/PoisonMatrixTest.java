package org.lvs.metrics.messaging;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Consumer;
import java.util.function.IntFunction;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.lvs.commons.messaging.DeadLetters;
import org.lvs.contract.Roles;
import org.lvs.contract.Topics;
import org.lvs.contract.event.EventEnvelope;
import org.lvs.contract.event.EventJson;
import org.lvs.contract.event.IntakeRecorded;
import org.lvs.contract.event.IntakeStatus;
import org.lvs.contract.referral.Source;
import org.lvs.contract.triage.Pathway;
import org.lvs.contract.triage.Priority;
import org.lvs.contract.triage.Strand;
import org.lvs.infra.test.LvsTestResources;
import org.lvs.infra.test.TestTokens;
import org.lvs.infra.test.TopicProbe;
import org.lvs.metrics.TestEvents.Case;
import org.lvs.metrics.TestEvents.Decision;
import org.lvs.metrics.domain.ReportingPeriod;

/**
 * The poison matrix of issue 10, per consumed topic, on the real broker and database: an unparseable record, an
 * unknown event type, a record the database refuses (a timestamp PostgreSQL cannot hold, SQLSTATE 22008) and strings
 * holding NUL (SQLSTATE 22021, the outage of issue 10). Each lands alone in the topic's {@code .dlq} with its reason,
 * group and stage; the good records of the same poll are applied; and the live channel, fed the same poison through
 * the broker, keeps consuming and stays healthy.
 */
@QuarkusTest
@QuarkusTestResource(LvsTestResources.class)
class PoisonMatrixTest {

    /** An instant PostgreSQL's timestamptz cannot hold (its range ends in 294276 AD). */
    static final Instant BEYOND_POSTGRES = Instant.parse("+300000-01-01T00:00:00Z");

    @Inject
    FactConsumers consumers;

    /** One consumed topic: how to make its good records and its poison, and the figure that counts good ones. */
    enum Feed {
        INTAKE(Topics.REFERRALS_INTAKE, "intake.accepted"),
        TRIAGED(Topics.REFERRALS_TRIAGED, "referrals.total"),
        CASE_EVENTS(Topics.CASES_EVENTS, "sla.running");

        final String topic;
        final String figure;

        Feed(String topic, String figure) {
            this.topic = topic;
            this.figure = figure;
        }

        /** A good record of the feed, counted by {@link #figure} in the quarter starting at {@code at}. */
        String[] good(Instant at) {
            return switch (this) {
                case INTAKE ->
                    keyed("ADT", intake("ADT", "REF-" + UUID.randomUUID(), at).toJson());
                case TRIAGED -> {
                    Decision d = Decision.of(Source.ADT, at);
                    yield keyed(d.referralId().toString(), d.event().envelope().toJson());
                }
                case CASE_EVENTS -> {
                    UUID id = UUID.randomUUID();
                    yield keyed(
                            id.toString(),
                            new Case(id, Priority.STANDARD, Strand.CORE, Pathway.CORE, at)
                                    .opened()
                                    .envelope()
                                    .toJson());
                }
            };
        }

        /** A readable record of this feed with an event type no topic carries. */
        String unknownType(Instant at) {
            EventEnvelope good = EventJson.read(good(at)[1]);
            return EventEnvelope.of(UUID.randomUUID(), "NotAnEventType", good.occurredAt(), good.payload())
                    .toJson();
        }

        /** A well-formed event whose timestamp PostgreSQL refuses. */
        String refusedByTheDatabase() {
            return switch (this) {
                case INTAKE ->
                    intake("ADT", "REF-" + UUID.randomUUID(), BEYOND_POSTGRES).toJson();
                case TRIAGED ->
                    Decision.of(Source.ADT, BEYOND_POSTGRES).event().envelope().toJson();
                case CASE_EVENTS ->
                    new Case(UUID.randomUUID(), Priority.STANDARD, Strand.CORE, Pathway.CORE, BEYOND_POSTGRES)
                            .opened()
                            .envelope()
                            .toJson();
            };
        }

        /** A well-formed event whose text fields hold NUL, as ingest once published them (issue 10). */
        String nulStrings(Instant at) {
            return switch (this) {
                case INTAKE -> intake("\u0000", "\u0000REF", at).toJson();
                case TRIAGED ->
                    Decision.of(Source.ADT, at)
                            .ref("A\u0000B")
                            .area("\u0000")
                            .event()
                            .envelope()
                            .toJson();
                case CASE_EVENTS ->
                    new Case(UUID.randomUUID(), Priority.STANDARD, Strand.CORE, Pathway.CORE, at)
                            .area("Pres\u0000ton")
                            .opened()
                            .envelope()
                            .toJson();
            };
        }

        private static EventEnvelope intake(String source, String reference, Instant at) {
            return new IntakeRecorded(
                            "rec-" + UUID.randomUUID(),
                            UUID.randomUUID(),
                            source,
                            reference,
                            1,
                            ThreadLocalRandom.current().nextLong(1, 1_000_000),
                            "batch-poison",
                            IntakeStatus.ACCEPTED,
                            List.of(),
                            at)
                    .toEnvelope();
        }

        private static String[] keyed(String key, String value) {
            return new String[] {key, value};
        }
    }

    /** What a poison record must look like on the dead-letter topic. */
    record Expected(String value, String stage, String reasonStart) {}

    @ParameterizedTest
    @EnumSource(Feed.class)
    void eachPoisonGoesAloneToTheDeadLetterTopicTheRestIsAppliedAndTheChannelStaysHealthy(Feed feed) {
        int year = 3000 + ThreadLocalRandom.current().nextInt(900);
        String quarter = String.format("%d-%02d-Q1", year, (year + 1) % 100);
        IntFunction<Instant> day = d -> LocalDateTime.of(year, 4, d, 10, 0)
                .atZone(ReportingPeriod.LONDON)
                .toInstant();

        // --- one poll, handed over as the channel does: good, four poisons, good ---
        List<Expected> expected = poisons(feed, day.apply(3));
        List<String[]> poll = new ArrayList<>();
        poll.add(feed.good(day.apply(1)));
        expected.forEach(e -> poll.add(new String[] {"poison", e.value()}));
        poll.add(feed.good(day.apply(2)));
        List<ConsumerRecord<String, String>> records = new ArrayList<>();
        for (int i = 0; i < poll.size(); i++) {
            records.add(new ConsumerRecord<>(feed.topic, 0, 1_000_000L + i, poll.get(i)[0], poll.get(i)[1]));
        }
        try (TopicProbe dlq = TopicProbe.open(Topics.dlq(feed.topic))) {
            channel(feed).accept(new ConsumerRecords<>(Map.of(new TopicPartition(feed.topic, 0), records), Map.of()));
            List<ConsumerRecord<String, String>> dead = dlq.awaitRecords(expected.size(), Duration.ofSeconds(60));
            dead.addAll(dlq.drain(Duration.ofSeconds(2)));
            assertEquals(expected.size(), dead.size(), "each poison once, nothing else");
            Map<String, ConsumerRecord<String, String>> byOffset = new HashMap<>();
            dead.forEach(r -> byOffset.put(header(r, DeadLetters.OFFSET), r));
            for (int i = 0; i < expected.size(); i++) {
                int n = i;
                ConsumerRecord<String, String> letter = byOffset.get(Long.toString(1_000_001L + i));
                Expected e = expected.get(i);
                assertNotNull(letter, "poison " + i + " dead-lettered");
                assertEquals(e.value(), letter.value(), "the record itself is kept");
                assertEquals(Channels.GROUP, header(letter, DeadLetters.GROUP));
                assertEquals(e.stage(), header(letter, DeadLetters.STAGE), "stage of poison " + i);
                assertTrue(
                        header(letter, DeadLetters.REASON).startsWith(e.reasonStart()),
                        () -> "reason of poison " + n + ": " + header(letter, DeadLetters.REASON));
                assertEquals(feed.topic, header(letter, DeadLetters.TOPIC));
                assertTrue(!header(letter, DeadLetters.REASON).contains("\u0000"), "no record value in headers");
            }
        }
        assertEquals(2, figure(feed, quarter), "both good records of the poll applied");

        // --- the same poison through the broker to the live channel, then a good record: it is applied ---
        try (TopicProbe dlq = TopicProbe.open(Topics.dlq(feed.topic))) {
            for (Expected e : poisons(feed, day.apply(4))) {
                TopicProbe.send(feed.topic, "poison", e.value());
            }
            String[] after = feed.good(day.apply(5));
            TopicProbe.send(feed.topic, after[0], after[1]);
            await().atMost(Duration.ofSeconds(90))
                    .pollInterval(Duration.ofMillis(500))
                    .until(() -> figure(feed, quarter) == 3);
            assertEquals(
                    expected.size(),
                    dlq.awaitRecords(expected.size(), Duration.ofSeconds(60)).size());
        }
        given().get("/q/health/live").then().statusCode(200).body("status", equalTo("UP"));
        given().get("/q/health/ready").then().statusCode(200).body("status", equalTo("UP"));
    }

    private static List<Expected> poisons(Feed feed, Instant at) {
        return List.of(
                new Expected(
                        "{\"eventId\": \"" + UUID.randomUUID() + "\", \"type\": ",
                        "decode",
                        "unreadable record: not an event envelope"),
                new Expected(feed.unknownType(at), "decode", "unreadable record: unknown event type"),
                new Expected(feed.refusedByTheDatabase(), "apply", "data exception (SQLSTATE 22008)"),
                new Expected(feed.nulStrings(at), "apply", "data exception (SQLSTATE 22021)"));
    }

    private Consumer<ConsumerRecords<String, String>> channel(Feed feed) {
        return switch (feed) {
            case INTAKE -> consumers::intake;
            case TRIAGED -> consumers::triaged;
            case CASE_EVENTS -> consumers::caseEvents;
        };
    }

    private static int figure(Feed feed, String quarter) {
        return given().header("Authorization", TestTokens.bearer(Roles.OPS))
                .queryParam("period", quarter)
                .get("/api/v1/metrics/summary")
                .then()
                .statusCode(200)
                .extract()
                .jsonPath()
                .getInt(feed.figure);
    }

    private static String header(ConsumerRecord<String, String> record, String name) {
        Header header = record.headers().lastHeader(name);
        assertNotNull(header, "header " + name);
        return new String(header.value(), StandardCharsets.UTF_8);
    }
}
