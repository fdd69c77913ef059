package org.lvs.commons.messaging.consumer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.junit.jupiter.api.Test;
import org.lvs.commons.ProbeFacts;
import org.lvs.commons.ProbeFacts.Fact;
import org.lvs.commons.messaging.DeadLetters;
import org.lvs.contract.Topics;
import org.lvs.contract.event.MalformedEventException;
import org.lvs.infra.test.LvsTestResources;
import org.lvs.infra.test.TopicProbe;

/**
 * The failure policy on the real broker and database: permanent failures go alone to the dead-letter topic with
 * their reason and the rest of the poll is applied; transient ones are waited out and never dead-lettered.
 */
@QuarkusTest
@QuarkusTestResource(LvsTestResources.class)
class BatchConsumerTest {

    private static final String TOPIC = Topics.CASES_EVENTS;

    @Inject
    BatchConsumers consumers;

    @Inject
    ProbeFacts facts;

    @Inject
    ConsumerHealth health;

    private BatchConsumer<Fact> consumer() {
        return consumers.create(TOPIC, "probe-group", BatchConsumerTest::decode, facts::apply);
    }

    /** A record is {@code key=value}; anything without '=' is unreadable. */
    private static Fact decode(ConsumerRecord<String, String> record) {
        int eq = record.value().indexOf('=');
        if (eq < 0) {
            throw new MalformedEventException("a probe record needs key=value");
        }
        return new Fact(record.value().substring(0, eq), record.value().substring(eq + 1));
    }

    @Test
    void poisonRecordsGoAloneToTheDeadLetterTopicAndTheRestIsApplied() {
        String run = "poison-" + UUID.randomUUID() + "-";
        List<ConsumerRecord<String, String>> poll = List.of(
                record(0, run + "a=first"),
                record(1, "not a probe record"),
                record(2, run + "b=holds a \u0000 NUL"),
                record(3, run + "c=third"),
                record(4, run + "d=fourth"));
        List<ConsumerRecord<String, String>> dead;
        try (TopicProbe dlq = TopicProbe.open(Topics.dlq(TOPIC))) {
            consumer().consume(poll);
            dead = new ArrayList<>(dlq.awaitRecords(2, Duration.ofSeconds(30)));
            assertEquals(0, dlq.drain(Duration.ofSeconds(1)).size(), "only the two poison records");
        }
        assertEquals(List.of(run + "a", run + "c", run + "d"), facts.keys(run));
        dead.sort(Comparator.comparing(r -> header(r, DeadLetters.OFFSET)));

        ConsumerRecord<String, String> unreadable = dead.get(0);
        assertEquals("not a probe record", unreadable.value(), "the record itself is kept");
        assertEquals("decode", header(unreadable, DeadLetters.STAGE));
        assertEquals("unreadable record: a probe record needs key=value", header(unreadable, DeadLetters.REASON));
        assertEquals("probe-group", header(unreadable, DeadLetters.GROUP));
        assertEquals(TOPIC, header(unreadable, DeadLetters.TOPIC));

        ConsumerRecord<String, String> refused = dead.get(1);
        assertEquals("2", header(refused, DeadLetters.OFFSET));
        assertEquals("apply", header(refused, DeadLetters.STAGE));
        assertTrue(
                header(refused, DeadLetters.REASON).startsWith("data exception (SQLSTATE 22"),
                header(refused, DeadLetters.REASON));
        for (Header h : refused.headers()) {
            String value = new String(h.value(), StandardCharsets.UTF_8);
            assertTrue(
                    !value.contains("NUL") || h.key().equals(DeadLetters.REASON) && !value.contains("holds"),
                    "no header quotes the record: " + h.key());
        }
    }

    @Test
    void aTransientFailureIsWaitedOutAndNothingIsDeadLettered() {
        String run = "transient-" + UUID.randomUUID() + "-";
        facts.failTransiently(run + "b", 4);
        int before = facts.calls();
        try (TopicProbe dlq = TopicProbe.open(Topics.dlq(TOPIC))) {
            consumer().consume(List.of(record(0, run + "a=1"), record(1, run + "b=2"), record(2, run + "c=3")));
            assertEquals(0, dlq.drain(Duration.ofSeconds(2)).size(), "a lost connection dead-letters nothing");
        }
        assertEquals(List.of(run + "a", run + "b", run + "c"), facts.keys(run));
        assertEquals(5, facts.calls() - before, "the whole poll retried until the connection came back");
    }

    @Test
    void anUnrecognisedErrorOfOneRecordIsConfirmedThenDeadLetteredWhileTheDatabaseAnswers() {
        String run = "unknown-" + UUID.randomUUID() + "-";
        facts.failAlwaysUnrecognised(run + "b");
        try (TopicProbe dlq = TopicProbe.open(Topics.dlq(TOPIC))) {
            consumer().consume(List.of(record(0, run + "a=1"), record(1, run + "b=2"), record(2, run + "c=3")));
            List<ConsumerRecord<String, String>> dead = dlq.awaitRecords(1, Duration.ofSeconds(30));
            assertEquals(run + "b=2", dead.get(0).value());
            assertTrue(header(dead.get(0), DeadLetters.REASON).startsWith("unknown: IllegalStateException"));
            assertEquals(0, dlq.drain(Duration.ofSeconds(1)).size());
        }
        assertEquals(List.of(run + "a", run + "c"), facts.keys(run));
    }

    @Test
    void aRecordTheConsumerIgnoresIsNeitherAppliedNorDeadLettered() {
        String run = "ignored-" + UUID.randomUUID() + "-";
        BatchConsumer<Fact> skipping = consumers.create(
                TOPIC, "probe-group", r -> r.value().startsWith("skip") ? null : decode(r), facts::apply);
        try (TopicProbe dlq = TopicProbe.open(Topics.dlq(TOPIC))) {
            skipping.consume(List.of(record(0, "skip me"), record(1, run + "a=1")));
            assertEquals(0, dlq.drain(Duration.ofSeconds(1)).size());
        }
        assertEquals(List.of(run + "a"), facts.keys(run));
        assertTrue(health.call().getStatus().name().equals("UP"));
    }

    static ConsumerRecord<String, String> record(long offset, String value) {
        return new ConsumerRecord<>(TOPIC, 0, offset, "probe-key", value);
    }

    private static String header(ConsumerRecord<String, String> record, String name) {
        Header header = record.headers().lastHeader(name);
        return header == null ? "" : new String(header.value(), StandardCharsets.UTF_8);
    }
}
