package org.lvs.triage.messaging;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.lvs.triage.support.Events.RECORDED;
import static org.lvs.triage.support.Events.awaitFor;
import static org.lvs.triage.support.Events.received;
import static org.lvs.triage.support.Events.referral;
import static org.lvs.triage.support.Events.send;
import static org.lvs.triage.support.Events.uniqueReference;
import static org.lvs.triage.support.Events.victim;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.AbstractMap;
import java.util.ArrayList;
import java.util.HashMap;
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
import org.lvs.contract.event.ReferralReceived;
import org.lvs.contract.referral.Address;
import org.lvs.contract.referral.Consent;
import org.lvs.contract.referral.CrimeCategory;
import org.lvs.contract.referral.Gender;
import org.lvs.contract.referral.PreferredContact;
import org.lvs.contract.referral.Source;
import org.lvs.contract.referral.Victim;
import org.lvs.infra.test.LvsTestResources;
import org.lvs.infra.test.TopicProbe;
import org.lvs.triage.persistence.VictimIdentityRepository;
import org.lvs.triage.support.Poison;

/**
 * The poison matrix of {@code referrals.received} (issue 10): each kind of record triage can never decide lands alone
 * in {@code referrals.received.dlq} with its reason, group and stage and no personal data in any header, the rest of
 * the same poll is decided, and the channel stays live; a transient failure dead-letters nothing.
 */
@QuarkusTest
@QuarkusTestResource(LvsTestResources.class)
class ReceivedPoisonMatrixTest {

    private static final Duration WAIT = Duration.ofSeconds(60);
    private static final Duration QUIET = Duration.ofSeconds(3);
    private static final String DLQ = Topics.dlq(Topics.REFERRALS_RECEIVED);

    @Inject
    ReferralReceivedConsumer consumer;

    /** Personal values every poison record carries, so a header quoting any of them is caught. */
    private record Marked(String firstName, String lastName, String personRef) {
        static Marked fresh() {
            String run = UUID.randomUUID().toString().substring(0, 8);
            return new Marked("Zelda" + run, "Poisonous" + run, "PP-" + run);
        }

        Victim victim(String first, String personRefValue) {
            return new Victim(
                    personRefValue,
                    first,
                    lastName,
                    LocalDate.of(1985, 3, 4),
                    null,
                    Gender.FEMALE,
                    "07700 900123",
                    null,
                    new Address("2 Hidden Lane", null, "Preston", "PR9 9ZZ"),
                    PreferredContact.PHONE,
                    List.of(),
                    null);
        }

        List<String> values() {
            return List.of(firstName, lastName, personRef, "Hidden Lane", "PR9 9ZZ");
        }
    }

    private static List<Poison> poisons(Marked m) {
        UUID refusedId = UUID.randomUUID();
        UUID tooLongId = UUID.randomUUID();
        UUID nulPersonalId = UUID.randomUUID();
        String unparseable = "{\"eventId\": \"" + UUID.randomUUID() + "\", \"type\": \"ReferralReceived\", "
                + "\"payload\": {\"referral\": {\"victim\": {\"firstName\": \"" + m.firstName() + "\", \"lastName\": \""
                + m.lastName();
        String unknownType = EventEnvelope.of(
                        UUID.randomUUID(),
                        "ReferralWithdrawn",
                        RECORDED,
                        Map.of(
                                "referralId",
                                UUID.randomUUID().toString(),
                                "victim",
                                Map.of("firstName", m.firstName(), "personRef", m.personRef())))
                .toJson();
        // sourceReference is stored (decision, identity): PostgreSQL refuses the NUL with SQLSTATE 22021
        String refusedByDatabase = received(
                        refusedId,
                        referral(
                                Source.ADT,
                                "LC-\u0000-" + m.personRef(),
                                1,
                                RECORDED,
                                CrimeCategory.THEFT,
                                m.victim(m.firstName(), m.personRef()),
                                Consent.EXPLICIT),
                        RECORDED)
                .toEnvelope()
                .toJson();
        // longer than the stored column (64): SQLSTATE 22001
        String tooLongForTheDatabase = received(
                        tooLongId,
                        referral(
                                Source.ADT,
                                "R".repeat(70) + m.personRef(),
                                1,
                                RECORDED,
                                CrimeCategory.THEFT,
                                m.victim(m.firstName(), m.personRef()),
                                Consent.EXPLICIT),
                        RECORDED)
                .toEnvelope()
                .toJson();
        // personal fields are only hashed, never stored: triage itself refuses the NUL (it would alias identities)
        String nulInPersonalFields = received(
                        nulPersonalId,
                        referral(
                                Source.ADT,
                                uniqueReference("NUL"),
                                1,
                                RECORDED,
                                CrimeCategory.THEFT,
                                m.victim(m.firstName() + "\u0000", m.personRef() + "\u0000"),
                                Consent.EXPLICIT),
                        RECORDED)
                .toEnvelope()
                .toJson();
        return List.of(
                new Poison(
                        "unparseable JSON", UUID.randomUUID().toString(), unparseable, "decode", "unreadable record"),
                new Poison(
                        "unknown event type",
                        UUID.randomUUID().toString(),
                        unknownType,
                        "decode",
                        "unexpected event type ReferralWithdrawn"),
                new Poison("NUL in a stored field", refusedId.toString(), refusedByDatabase, "apply", "SQLSTATE 22021"),
                new Poison(
                        "too long for a stored field",
                        tooLongId.toString(),
                        tooLongForTheDatabase,
                        "apply",
                        "SQLSTATE 22001"),
                new Poison(
                        "NUL in personal fields",
                        nulPersonalId.toString(),
                        nulInPersonalFields,
                        "decode",
                        "referral.victim.firstName must not contain NUL"));
    }

    private static ReferralReceived valid(String label) {
        return received(
                UUID.randomUUID(),
                referral(
                        Source.ADT,
                        uniqueReference(label),
                        1,
                        RECORDED,
                        CrimeCategory.FRAUD,
                        victim(uniqueReference("P"), "07700900123"),
                        Consent.EXPLICIT),
                RECORDED);
    }

    @Test
    void eachPoisonOfOnePollIsDeadLetteredAloneAndTheRestOfThePollIsDecided() {
        Marked marked = Marked.fresh();
        List<Poison> poisons = poisons(marked);
        List<ReferralReceived> goods = new ArrayList<>();
        List<Map.Entry<String, String>> poll = new ArrayList<>();
        for (Poison poison : poisons) {
            ReferralReceived good = valid("GOOD");
            goods.add(good);
            poll.add(new AbstractMap.SimpleEntry<>(
                    good.referralId().toString(), good.toEnvelope().toJson()));
            poll.add(new AbstractMap.SimpleEntry<>(poison.key(), poison.value()));
        }
        ReferralReceived last = valid("LAST");
        goods.add(last);
        poll.add(new AbstractMap.SimpleEntry<>(
                last.referralId().toString(), last.toEnvelope().toJson()));

        try (TopicProbe dlq = TopicProbe.open(DLQ);
                TopicProbe triaged = TopicProbe.open(Topics.REFERRALS_TRIAGED)) {
            // handed over as the connector hands over one poll, so it surely is one poll
            consumer.consume(Poison.poll(Topics.REFERRALS_RECEIVED, poll));

            Set<String> goodIds =
                    goods.stream().map(g -> g.referralId().toString()).collect(Collectors.toSet());
            Map<String, Integer> decided = decisionsOf(triaged, goodIds);
            assertEquals(
                    goodIds.stream().collect(Collectors.toMap(id -> id, id -> 1)),
                    decided,
                    "every valid record of the poll decided, once");

            Set<String> poisonKeys = poisons.stream().map(Poison::key).collect(Collectors.toSet());
            Map<String, List<ConsumerRecord<String, String>>> letters = Poison.deadLetters(dlq, poisonKeys, WAIT);
            Set<String> keys = new HashSet<>(goodIds);
            keys.addAll(poisonKeys);
            dlq.drain(QUIET).stream()
                    .filter(r -> keys.contains(r.key()))
                    .forEach(r -> letters.computeIfAbsent(r.key(), k -> new ArrayList<>())
                            .add(r));
            assertEquals(poisonKeys, letters.keySet(), "only the poison records are dead-lettered");
            for (Poison poison : poisons) {
                List<ConsumerRecord<String, String>> mine = letters.get(poison.key());
                assertEquals(1, mine.size(), poison.name() + ": dead-lettered once, alone");
                poison.assertLetter(mine.get(0), Topics.REFERRALS_RECEIVED, Channels.GROUP, marked.values());
            }
        }
        Poison.assertLive();
    }

    @Test
    void poisonOnTheTopicLeavesTheChannelLiveAndALaterReferralIsDecided() {
        Marked marked = Marked.fresh();
        List<Poison> poisons = poisons(marked);
        ReferralReceived later = valid("LATER");
        try (TopicProbe dlq = TopicProbe.open(DLQ);
                TopicProbe triaged = TopicProbe.open(Topics.REFERRALS_TRIAGED)) {
            for (Poison poison : poisons) {
                TopicProbe.send(Topics.REFERRALS_RECEIVED, poison.key(), poison.value());
            }
            send(later);

            assertEquals(1, awaitFor(triaged, later.referralId(), 1, WAIT).size(), "a later referral is decided");
            Map<String, List<ConsumerRecord<String, String>>> letters =
                    Poison.deadLetters(dlq, poisons.stream().map(Poison::key).collect(Collectors.toSet()), WAIT);
            for (Poison poison : poisons) {
                List<ConsumerRecord<String, String>> mine = letters.get(poison.key());
                assertEquals(1, mine == null ? 0 : mine.size(), poison.name());
                poison.assertLetter(mine.get(0), Topics.REFERRALS_RECEIVED, Channels.GROUP, marked.values());
            }
        }
        Poison.assertLive();
    }

    @Test
    void aLockHeldElsewhereIsWaitedOutNotDeadLettered() throws Exception {
        ReferralReceived event = valid("LOCKED");
        String key = event.referralId().toString();
        try (TopicProbe dlq = TopicProbe.open(DLQ);
                TopicProbe triaged = TopicProbe.open(Topics.REFERRALS_TRIAGED);
                Connection other = LvsTestResources.connection();
                Statement statement = other.createStatement()) {
            // another instance deciding the same referral, for longer than triage's lock timeout
            long lockKey = VictimIdentityRepository.lockKey(event.referralId());
            statement.execute("SELECT pg_advisory_lock(" + lockKey + ")");
            try {
                send(event);
                // triage's lock wait ends with SQLSTATE 55P03: it waits that out (liveness UP, the reason shown)
                await().atMost(WAIT)
                        .pollInterval(Duration.ofMillis(200))
                        .untilAsserted(() -> given().get("/q/health/live")
                                .then()
                                .statusCode(200)
                                .body(containsString("55P03")));
            } finally {
                statement.execute("SELECT pg_advisory_unlock(" + lockKey + ")");
            }

            assertEquals(1, awaitFor(triaged, event.referralId(), 1, WAIT).size(), "decided once the lock is free");
            assertEquals(
                    List.of(),
                    dlq.drain(QUIET).stream().filter(r -> key.equals(r.key())).toList(),
                    "nothing dead-lettered");
        }
        Poison.assertLive();
    }

    /** Decisions of these referrals on the topic, counted, until each has one and a quiet period passed. */
    private static Map<String, Integer> decisionsOf(TopicProbe triaged, Set<String> ids) {
        Map<String, Integer> counts = new HashMap<>();
        Instant deadline = Instant.now().plus(WAIT);
        while (counts.size() < ids.size() && Instant.now().isBefore(deadline)) {
            count(triaged.awaitRecords(1, Duration.ofMillis(500)), ids, counts);
        }
        count(triaged.drain(QUIET), ids, counts);
        return counts;
    }

    private static void count(
            List<ConsumerRecord<String, String>> records, Set<String> ids, Map<String, Integer> counts) {
        for (ConsumerRecord<String, String> r : records) {
            if (ids.contains(r.key())) {
                counts.merge(r.key(), 1, Integer::sum);
            }
        }
    }
}
