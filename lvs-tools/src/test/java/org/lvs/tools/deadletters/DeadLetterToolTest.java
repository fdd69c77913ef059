package org.lvs.tools.deadletters;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.lvs.contract.Topics;
import org.lvs.infra.test.TestInfrastructure;
import org.lvs.infra.test.TopicProbe;

/**
 * {@code ./lvs dead-letters} on a real broker: letters written as the commons consumer writes them, listed without
 * their values, replayed to their source topic once, never twice. Every test marks its letters with a fresh id and
 * looks only at those, so the tests do not depend on each other's letters.
 */
class DeadLetterToolTest {

    private static final Instant NOW = Instant.parse("2026-11-27T12:00:00Z");
    private static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);
    private static final Duration WAIT = Duration.ofSeconds(60);
    private static final Duration QUIET = Duration.ofSeconds(3);

    record Sent(String key, String value, int partition, long offset) {
        String position() {
            return partition + ":" + offset;
        }
    }

    @BeforeAll
    static void broker() {
        TestInfrastructure.get();
    }

    @Test
    void listsEachLetterWithoutItsValueThenReplaysChosenOnesAndTheRestOnceEach() {
        String marker = UUID.randomUUID().toString();
        String topic = Topics.REFERRALS_TRIAGED;
        List<Sent> letters = List.of(
                deadLetter(topic, 1, 40, "triage-key-1", marker, "SQLSTATE 23505 (integrity constraint)", "apply"),
                deadLetter(
                        topic, 2, 41, "triage-key-2", marker, "unreadable record (MalformedEventException)", "decode"),
                deadLetter(topic, 0, 42, "triage-key-3", marker, "domain rejection", "apply"));

        String listed = run(0, "list", "--topic", topic);
        for (Sent letter : letters) {
            assertTrue(listed.contains(letter.position()), listed);
        }
        assertTrue(listed.contains("referrals.triaged.dlq: "), listed);
        assertTrue(listed.contains("contact-sla-service"), listed);
        assertTrue(listed.contains("SQLSTATE 23505 (integrity constraint)"), listed);
        assertTrue(listed.contains("decode"), listed);
        assertTrue(listed.contains("2h05m"), "age from dead-letter-at: " + listed);
        assertTrue(listed.contains("1:40"), "origin partition:offset: " + listed);
        assertFalse(listed.contains(marker), "a letter's value is never printed");

        Sent chosen = letters.get(1);
        try (TopicProbe probe = TopicProbe.open(topic)) {
            String out = run(0, "replay", "--topic", topic, "--offsets", chosen.position());
            assertTrue(out.contains("Replayed 1 dead letter"), out);
            List<ConsumerRecord<String, String>> replayed = ours(probe.awaitRecords(1, WAIT), marker);
            assertEquals(1, replayed.size());
            ConsumerRecord<String, String> record = replayed.get(0);
            assertEquals(chosen.key(), record.key());
            assertEquals(chosen.value(), record.value());
            assertEquals(2, record.partition(), "back in the partition it was dead-lettered from");
            assertEquals("referrals.triaged.dlq:" + chosen.position(), header(record, DeadLetterTool.REPLAYED_FROM));
            assertEquals("trace-" + marker, header(record, "x-trace"), "the record's own headers travel with it");
            for (Header h : record.headers()) {
                assertFalse(h.key().startsWith("dead-letter-"), "no dead-letter header on a replayed record");
            }
        }

        String afterOne = run(0, "list", "--topic", topic + ".dlq");
        assertTrue(line(afterOne, chosen.position()).contains(" yes "), afterOne);
        assertTrue(line(afterOne, letters.get(0).position()).contains(" no "), afterOne);

        try (TopicProbe probe = TopicProbe.open(topic)) {
            String out = run(0, "replay", "--topic", topic, "--offsets", chosen.position());
            assertTrue(out.contains("Replayed 0 dead letters"), "chosen again: skipped, " + out);
            run(0, "replay", "--topic", topic);
            List<ConsumerRecord<String, String>> rest = ours(probe.awaitRecords(2, WAIT), marker);
            rest.addAll(ours(probe.drain(QUIET), marker));
            assertEquals(
                    List.of("triage-key-1", "triage-key-3"),
                    rest.stream().map(ConsumerRecord::key).sorted().toList(),
                    "the others, once each; not the one replayed before");
        }

        try (TopicProbe probe = TopicProbe.open(topic)) {
            run(0, "replay", "--topic", topic);
            run(0, "replay", "--all");
            assertEquals(List.of(), ours(probe.drain(QUIET), marker), "nothing is replayed twice");
        }
        String done = run(0, "list", "--topic", topic);
        for (Sent letter : letters) {
            assertTrue(line(done, letter.position()).contains(" yes "), done);
        }
    }

    @Test
    void allReplaysTheLettersOfEveryDeadLetterTopicOnce() {
        String marker = UUID.randomUUID().toString();
        Sent intake =
                deadLetter(Topics.REFERRALS_INTAKE, 0, 7, "ADT", marker, "SQLSTATE 22021 (data exception)", "apply");
        Sent event = deadLetter(Topics.CASES_EVENTS, 1, 8, "case-key", marker, "unknown type", "decode");
        try (TopicProbe intakeProbe = TopicProbe.open(Topics.REFERRALS_INTAKE);
                TopicProbe eventsProbe = TopicProbe.open(Topics.CASES_EVENTS)) {
            String out = run(0, "replay", "--all");
            assertTrue(out.contains("referrals.intake.dlq: replayed"), out);
            List<ConsumerRecord<String, String>> intakeRecords = ours(intakeProbe.awaitRecords(1, WAIT), marker);
            List<ConsumerRecord<String, String>> eventRecords = ours(eventsProbe.awaitRecords(1, WAIT), marker);
            assertEquals(
                    List.of(intake.value()),
                    intakeRecords.stream().map(ConsumerRecord::value).toList());
            assertEquals(
                    List.of(event.value()),
                    eventRecords.stream().map(ConsumerRecord::value).toList());
            run(0, "replay", "--all");
            assertEquals(List.of(), ours(intakeProbe.drain(QUIET), marker));
            assertEquals(List.of(), ours(eventsProbe.drain(QUIET), marker));
        }
    }

    @Test
    void aPositionWithoutALetterReplaysNothing() {
        String marker = UUID.randomUUID().toString();
        Sent letter = deadLetter(Topics.REFERRALS_FEEDBACK, 0, 3, "MASH", marker, "domain rejection", "apply");
        try (TopicProbe probe = TopicProbe.open(Topics.REFERRALS_FEEDBACK)) {
            ByteArrayOutputStream err = new ByteArrayOutputStream();
            int code = DeadLetterCommand.run(
                    List.of(
                            "replay",
                            "--topic",
                            Topics.REFERRALS_FEEDBACK,
                            "--offsets",
                            letter.position() + "," + letter.partition() + ":999999",
                            "--bootstrap",
                            bootstrap()),
                    new PrintStream(new ByteArrayOutputStream()),
                    new PrintStream(err),
                    CLOCK);
            assertEquals(1, code);
            assertTrue(err.toString().contains("nothing was replayed"), err.toString());
            assertEquals(List.of(), ours(probe.drain(QUIET), marker));
        }
        String listed = run(0, "list", "--topic", Topics.REFERRALS_FEEDBACK);
        assertTrue(line(listed, letter.position()).contains(" no "), listed);
    }

    @Test
    void wrongUsageIsRefusedWithTheUsage() {
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        assertEquals(
                2,
                DeadLetterCommand.run(
                        List.of("replay", "--offsets", "0:1", "--bootstrap", bootstrap()),
                        new PrintStream(new ByteArrayOutputStream()),
                        new PrintStream(err),
                        CLOCK));
        assertTrue(err.toString().contains("usage: dead-letters"), err.toString());
        assertEquals(
                2,
                DeadLetterCommand.run(
                        List.of("replay", "--all", "--topic", "cases.events", "--bootstrap", bootstrap()),
                        new PrintStream(new ByteArrayOutputStream()),
                        new PrintStream(err),
                        CLOCK));
        assertEquals(
                1,
                DeadLetterCommand.run(
                        List.of("list", "--topic", "no.such.topic", "--bootstrap", bootstrap()),
                        new PrintStream(new ByteArrayOutputStream()),
                        new PrintStream(err),
                        CLOCK));
    }

    /** Writes a letter as the commons consumer does: the record as it was, plus the dead-letter headers. */
    private static Sent deadLetter(
            String topic,
            int originPartition,
            long originOffset,
            String key,
            String marker,
            String reason,
            String stage) {
        String value = "{\"eventId\":\"" + UUID.randomUUID() + "\",\"victim\":\"PERSONAL-" + marker + "\"}";
        RecordHeaders headers = new RecordHeaders();
        headers.add("x-trace", ("trace-" + marker).getBytes(StandardCharsets.UTF_8));
        headers.add("dead-letter-reason", reason.getBytes(StandardCharsets.UTF_8));
        headers.add("dead-letter-cause", "org.postgresql.util.PSQLException".getBytes(StandardCharsets.UTF_8));
        headers.add(
                "dead-letter-group",
                (topic.equals(Topics.REFERRALS_TRIAGED) ? "contact-sla-service" : "metrics-service")
                        .getBytes(StandardCharsets.UTF_8));
        headers.add("dead-letter-stage", stage.getBytes(StandardCharsets.UTF_8));
        headers.add("dead-letter-topic", topic.getBytes(StandardCharsets.UTF_8));
        headers.add("dead-letter-partition", Integer.toString(originPartition).getBytes(StandardCharsets.UTF_8));
        headers.add("dead-letter-offset", Long.toString(originOffset).getBytes(StandardCharsets.UTF_8));
        headers.add(
                "dead-letter-at", NOW.minus(Duration.ofMinutes(125)).toString().getBytes(StandardCharsets.UTF_8));
        Properties props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap());
        props.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        props.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(props)) {
            RecordMetadata sent = producer.send(new ProducerRecord<>(Topics.dlq(topic), null, key, value, headers))
                    .get();
            return new Sent(key, value, sent.partition(), sent.offset());
        } catch (Exception e) {
            throw new AssertionError("cannot write a dead letter", e);
        }
    }

    private static String run(int expectedCode, String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        List<String> all = new ArrayList<>(List.of(args));
        all.add("--bootstrap");
        all.add(bootstrap());
        int code = DeadLetterCommand.run(
                all,
                new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8),
                CLOCK);
        assertEquals(expectedCode, code, () -> String.join(" ", args) + ": " + out + err);
        return out.toString(StandardCharsets.UTF_8);
    }

    private static String line(String listing, String position) {
        return listing.lines()
                        .filter(l -> l.trim().startsWith(position + " "))
                        .findFirst()
                        .orElseThrow(() -> new AssertionError("no line for " + position + " in\n" + listing))
                + " ";
    }

    private static List<ConsumerRecord<String, String>> ours(
            List<ConsumerRecord<String, String>> records, String marker) {
        return new ArrayList<>(records.stream()
                .filter(r -> r.value() != null && r.value().contains(marker))
                .toList());
    }

    private static String header(ConsumerRecord<String, String> record, String key) {
        Header h = record.headers().lastHeader(key);
        assertTrue(h != null, "header " + key);
        return new String(h.value(), StandardCharsets.UTF_8);
    }

    private static String bootstrap() {
        return TestInfrastructure.get().kafkaBootstrap();
    }

    @Test
    void ageIsShortAndNeverNegative() {
        try (DeadLetterTool tool = new DeadLetterTool(props(), CLOCK)) {
            assertEquals("3d04h", tool.age(at(NOW.minus(Duration.ofHours(76)))));
            assertEquals("42m", tool.age(at(NOW.minus(Duration.ofMinutes(42)))));
            assertEquals("0s", tool.age(at(NOW.plusSeconds(30))));
        }
    }

    private static Properties props() {
        Properties p = new Properties();
        p.put("bootstrap.servers", bootstrap());
        return p;
    }

    private static DeadLetter at(Instant at) {
        return new DeadLetter(
                "cases.events.dlq",
                0,
                0,
                "cases.events",
                "-",
                "-",
                "-",
                at,
                null,
                null,
                false,
                null,
                null,
                new RecordHeaders());
    }
}
