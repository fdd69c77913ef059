package org.lvs.triage.service;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.lvs.contract.Topics;
import org.lvs.contract.event.EventJson;
import org.lvs.contract.event.FeedbackIssued;
import org.lvs.contract.event.ReferralDecided;
import org.lvs.contract.event.ReferralReceived;
import org.lvs.contract.referral.Consent;
import org.lvs.contract.referral.CrimeCategory;
import org.lvs.contract.referral.Source;
import org.lvs.contract.triage.ReasonCode;
import org.lvs.infra.test.LvsTestResources;
import org.lvs.infra.test.TopicProbe;
import org.lvs.triage.support.Events;

/** The decision transaction itself, driven directly, as several consumers (instances) would drive it at once. */
@QuarkusTest
@QuarkusTestResource(LvsTestResources.class)
class TriageServiceTest {

    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final Duration QUIET = Duration.ofSeconds(3);

    @Inject
    TriageService triage;

    @Inject
    DecisionQuery decisions;

    @Test
    void referralsOfOneVictimDecidedAtOnceStillSeeEachOther() throws Exception {
        // Three referrals of one victim recorded at the same instant, decided concurrently: serialised by the
        // advisory locks, exactly the last one decided sees the two others and is persistently targeted.
        Instant recorded = Instant.parse("2017-10-02T09:00:00Z");
        String personRef = Events.uniqueReference("CONCURRENT");
        List<ReferralReceived> events = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            events.add(Events.received(
                    UUID.randomUUID(),
                    Events.referral(
                            Source.ADT,
                            Events.uniqueReference("C" + i),
                            1,
                            recorded,
                            CrimeCategory.THEFT,
                            Events.victim(personRef, "07700900123"),
                            Consent.EXPLICIT),
                    recorded.plusSeconds(i)));
        }
        ExecutorService pool = Executors.newFixedThreadPool(3);
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<TriageService.Result>> results = new ArrayList<>();
            for (ReferralReceived event : events) {
                results.add(pool.submit(() -> {
                    start.await();
                    return triage.decide(event);
                }));
            }
            start.countDown();
            for (Future<TriageService.Result> result : results) {
                assertEquals(TriageService.Result.DECIDED, result.get(60, TimeUnit.SECONDS));
            }
        } finally {
            pool.shutdownNow();
        }
        long targeted = events.stream()
                .map(e -> EventJson.mapper().convertValue(read(e.referralId()), ReferralDecided.class))
                .filter(d -> d.hasReason(ReasonCode.PRIORITY_PERSISTENTLY_TARGETED))
                .count();
        assertEquals(1, targeted);
    }

    @Test
    void theSameEventTwiceIsDecidedOnce() {
        Instant recorded = Instant.parse("2017-10-03T09:00:00Z");
        ReferralReceived event = Events.received(
                UUID.randomUUID(),
                Events.referral(
                        Source.ADT,
                        Events.uniqueReference("TWICE"),
                        1,
                        recorded,
                        CrimeCategory.THEFT,
                        Events.victim(Events.uniqueReference("P"), "07700900123"),
                        Consent.EXPLICIT),
                recorded);
        assertEquals(TriageService.Result.DECIDED, triage.decide(event));
        assertEquals(TriageService.Result.NOT_NEWER, triage.decide(event)); // the same event redelivered
    }

    @Test
    void aBatchDecidesTwoVersionsOfOneReferralInOrderAndSkipsRepeatsAndLowerVersions() {
        Instant recorded = Instant.parse("2017-10-04T09:00:00Z");
        UUID id = UUID.randomUUID();
        String ref = Events.uniqueReference("BATCH-V");
        String personRef = Events.uniqueReference("P");
        ReferralReceived v1 = Events.received(
                id,
                Events.referral(
                        Source.ADT,
                        ref,
                        1,
                        recorded,
                        CrimeCategory.THEFT,
                        Events.victim(personRef, null),
                        Consent.EXPLICIT),
                recorded);
        ReferralReceived v2 = Events.received(
                id,
                Events.referral(
                        Source.ADT,
                        ref,
                        2,
                        recorded,
                        CrimeCategory.ROBBERY,
                        Events.victim(personRef, "07700900123"),
                        Consent.EXPLICIT),
                recorded.plusSeconds(60));

        try (TopicProbe triaged = TopicProbe.open(Topics.REFERRALS_TRIAGED);
                TopicProbe feedback = TopicProbe.open(Topics.REFERRALS_FEEDBACK)) {
            assertEquals(
                    List.of(
                            TriageService.Result.DECIDED,
                            TriageService.Result.DECIDED,
                            TriageService.Result.NOT_NEWER,
                            TriageService.Result.NOT_NEWER),
                    triage.decideAll(List.of(v1, v2, v2, v1))); // the last: version 1 re-published late
            ReferralDecided latest = EventJson.mapper().convertValue(read(id), ReferralDecided.class);
            assertEquals(2, latest.version());
            assertEquals(null, latest.dataIssue(), "version 2 has a phone: decided after version 1, it stands");

            // Their events leave in decision order. The relay deletes published outbox rows, so the order shows on
            // the topics: version 1's decision before version 2's on referrals.triaged, version 1's feedback.
            assertEquals(
                    List.of(ReferralDecided.eventId(id, 1), ReferralDecided.eventId(id, 2)),
                    Events.awaitFor(triaged, id, 2, WAIT).stream()
                            .map(e -> e.eventId())
                            .toList());
            assertEquals(
                    List.of(FeedbackIssued.eventId(id, 1)),
                    Events.awaitFor(feedback, id, 1, WAIT).stream()
                            .map(e -> e.eventId())
                            .toList());

            // the whole batch redelivered changes nothing and publishes nothing
            assertEquals(
                    List.of(TriageService.Result.NOT_NEWER, TriageService.Result.NOT_NEWER),
                    triage.decideAll(List.of(v1, v2)));
            assertEquals(List.of(), Events.awaitFor(triaged, id, 1, QUIET));
        }
    }

    @Test
    void referralsOfOneVictimInOneBatchSeeEachOtherInOrder() {
        Instant recorded = Instant.parse("2017-10-05T09:00:00Z");
        String personRef = Events.uniqueReference("BATCH-REPEAT");
        List<ReferralReceived> events = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            // the second one carries no identity (no consent): it never counts for the others
            ReferralReceived event = Events.received(
                    UUID.randomUUID(),
                    Events.referral(
                            Source.ADT,
                            Events.uniqueReference("B" + i),
                            1,
                            recorded.plusSeconds(i),
                            CrimeCategory.THEFT,
                            Events.victim(personRef, "07700900123"),
                            i == 1 ? Consent.REFUSED : Consent.EXPLICIT),
                    recorded.plusSeconds(i));
            events.add(event);
        }

        triage.decideAll(events);

        List<Boolean> targeted = events.stream()
                .map(e -> EventJson.mapper().convertValue(read(e.referralId()), ReferralDecided.class))
                .map(d -> d.hasReason(ReasonCode.PRIORITY_PERSISTENTLY_TARGETED))
                .toList();
        assertEquals(
                List.of(false, false, false, true),
                targeted,
                "only the fourth sees two other referrals of the victim carrying its identity");
    }

    private Object read(UUID referralId) {
        try {
            return EventJson.mapper().readTree(decisions.latest(referralId));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
