package org.lvs.triage.messaging;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.AbstractMap;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.lvs.contract.Topics;
import org.lvs.contract.event.EventEnvelope;
import org.lvs.contract.event.EventTypes;
import org.lvs.contract.event.PersonalDataErased;
import org.lvs.contract.referral.Source;
import org.lvs.infra.test.LvsTestResources;
import org.lvs.infra.test.TopicProbe;
import org.lvs.triage.support.Db;
import org.lvs.triage.support.Poison;

/** The poison matrix of {@code cases.erasures}: each bad record alone to its dead-letter topic, the rest applied. */
@QuarkusTest
@QuarkusTestResource(LvsTestResources.class)
class ErasurePoisonMatrixTest {

    private static final Duration WAIT = Duration.ofSeconds(60);
    private static final Duration QUIET = Duration.ofSeconds(3);
    private static final String DLQ = Topics.dlq(Topics.CASES_ERASURES);
    private static final Instant AT = Instant.parse("2017-09-20T10:00:00Z");

    @Inject
    ErasureConsumer consumer;

    private static String erasure(UUID id, String reason, Instant at) {
        return new PersonalDataErased(id, Source.ADT, reason, at).toEnvelope().toJson();
    }

    private static List<Poison> poisons() {
        UUID outOfRange = UUID.randomUUID();
        UUID nulReason = UUID.randomUUID();
        UUID longReason = UUID.randomUUID();
        return List.of(
                new Poison(
                        "unparseable JSON",
                        UUID.randomUUID().toString(),
                        "{\"eventId\": \"" + UUID.randomUUID() + "\", \"type\": \"PersonalDataErased\", \"payl",
                        "decode",
                        "unreadable record"),
                new Poison(
                        "unknown event type",
                        UUID.randomUUID().toString(),
                        EventEnvelope.of(
                                        UUID.randomUUID(),
                                        EventTypes.CASE_OPENED,
                                        AT,
                                        Map.of("referralId", UUID.randomUUID().toString()))
                                .toJson(),
                        "decode",
                        "unexpected event type CaseOpened"),
                new Poison(
                        "without its referral",
                        UUID.randomUUID().toString(),
                        EventEnvelope.of(
                                        UUID.randomUUID(),
                                        EventTypes.PERSONAL_DATA_ERASED,
                                        AT,
                                        Map.of("reason", "ADMIN_REQUEST"))
                                .toJson(),
                        "decode",
                        "referralId"),
                // erased_at is stored: PostgreSQL's timestamps end in the year 294276 (SQLSTATE 22008)
                new Poison(
                        "a time the database refuses",
                        outOfRange.toString(),
                        erasure(outOfRange, PersonalDataErased.ADMIN_REQUEST, Instant.parse("+294277-01-01T00:00:00Z")),
                        "apply",
                        "SQLSTATE 22008"),
                new Poison(
                        "NUL in a string",
                        nulReason.toString(),
                        erasure(nulReason, "CONSENT\u0000WITHDRAWN", AT),
                        "apply",
                        "SQLSTATE 22021"),
                new Poison(
                        "a string too long for its column",
                        longReason.toString(),
                        erasure(longReason, "R".repeat(40), AT),
                        "apply",
                        "SQLSTATE 22001"));
    }

    private static long tombstones(Set<UUID> ids) {
        return Db.count(
                "SELECT count(*) FROM triage.erased_referral WHERE referral_id = ANY (?::uuid[])",
                ids.stream().map(UUID::toString).collect(Collectors.joining(",", "{", "}")));
    }

    @Test
    void eachPoisonOfOnePollIsDeadLetteredAloneAndTheRestIsApplied() {
        List<Poison> poisons = poisons();
        Set<UUID> goods = new HashSet<>();
        List<Map.Entry<String, String>> poll = new ArrayList<>();
        for (Poison poison : poisons) {
            UUID good = UUID.randomUUID();
            goods.add(good);
            poll.add(new AbstractMap.SimpleEntry<>(
                    good.toString(), erasure(good, PersonalDataErased.ADMIN_REQUEST, AT)));
            poll.add(new AbstractMap.SimpleEntry<>(poison.key(), poison.value()));
        }
        try (TopicProbe dlq = TopicProbe.open(DLQ)) {
            consumer.consume(Poison.poll(Topics.CASES_ERASURES, poll));

            assertEquals(goods.size(), tombstones(goods), "every valid erasure of the poll applied");
            Set<String> poisonKeys = poisons.stream().map(Poison::key).collect(Collectors.toSet());
            Map<String, List<ConsumerRecord<String, String>>> letters = Poison.deadLetters(dlq, poisonKeys, WAIT);
            Set<String> keys = new HashSet<>(poisonKeys);
            goods.forEach(g -> keys.add(g.toString()));
            dlq.drain(QUIET).stream()
                    .filter(r -> keys.contains(r.key()))
                    .forEach(r -> letters.computeIfAbsent(r.key(), k -> new ArrayList<>())
                            .add(r));
            assertEquals(poisonKeys, letters.keySet(), "only the poison records are dead-lettered");
            for (Poison poison : poisons) {
                assertEquals(1, letters.get(poison.key()).size(), poison.name() + ": once, alone");
                poison.assertLetter(
                        letters.get(poison.key()).get(0),
                        Topics.CASES_ERASURES,
                        Channels.GROUP,
                        List.of("CONSENT\u0000"));
            }
        }
        Poison.assertLive();
    }

    @Test
    void poisonOnTheTopicLeavesTheChannelLiveAndALaterErasureIsApplied() {
        List<Poison> poisons = poisons();
        UUID later = UUID.randomUUID();
        try (TopicProbe dlq = TopicProbe.open(DLQ)) {
            for (Poison poison : poisons) {
                TopicProbe.send(Topics.CASES_ERASURES, poison.key(), poison.value());
            }
            TopicProbe.send(
                    Topics.CASES_ERASURES, later.toString(), erasure(later, PersonalDataErased.ADMIN_REQUEST, AT));

            await().atMost(WAIT).until(() -> tombstones(Set.of(later)) == 1);
            Map<String, List<ConsumerRecord<String, String>>> letters =
                    Poison.deadLetters(dlq, poisons.stream().map(Poison::key).collect(Collectors.toSet()), WAIT);
            for (Poison poison : poisons) {
                List<ConsumerRecord<String, String>> mine = letters.get(poison.key());
                assertEquals(1, mine == null ? 0 : mine.size(), poison.name());
                poison.assertLetter(mine.get(0), Topics.CASES_ERASURES, Channels.GROUP, List.of());
            }
        }
        Poison.assertLive();
    }
}
