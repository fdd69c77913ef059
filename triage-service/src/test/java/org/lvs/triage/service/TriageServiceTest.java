package org.lvs.triage.service;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
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
import org.lvs.contract.event.EventJson;
import org.lvs.contract.event.ReferralDecided;
import org.lvs.contract.event.ReferralReceived;
import org.lvs.contract.referral.Consent;
import org.lvs.contract.referral.CrimeCategory;
import org.lvs.contract.referral.Source;
import org.lvs.contract.triage.ReasonCode;
import org.lvs.infra.test.LvsTestResources;
import org.lvs.triage.support.Events;

/** The decision transaction itself, driven directly, as several consumers (instances) would drive it at once. */
@QuarkusTest
@QuarkusTestResource(LvsTestResources.class)
class TriageServiceTest {

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
            events.add(Events.received(UUID.randomUUID(), Events.referral(Source.ADT,
                    Events.uniqueReference("C" + i), 1, recorded, CrimeCategory.THEFT,
                    Events.victim(personRef, "07700900123"), Consent.EXPLICIT), recorded.plusSeconds(i)));
        }
        ExecutorService pool = Executors.newFixedThreadPool(3);
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<TriageService.Result>> results = new ArrayList<>();
            for (ReferralReceived event : events) {
                results.add(pool.submit(() -> {
                    start.await();
                    return triage.decide(ReferralReceived.eventId(event.referralId(), 1), event);
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
                .filter(d -> d.hasReason(ReasonCode.PRIORITY_PERSISTENTLY_TARGETED)).count();
        assertEquals(1, targeted);
    }

    @Test
    void theSameEventTwiceIsDecidedOnce() {
        Instant recorded = Instant.parse("2017-10-03T09:00:00Z");
        ReferralReceived event = Events.received(UUID.randomUUID(), Events.referral(Source.ADT,
                Events.uniqueReference("TWICE"), 1, recorded, CrimeCategory.THEFT,
                Events.victim(Events.uniqueReference("P"), "07700900123"), Consent.EXPLICIT), recorded);
        UUID eventId = ReferralReceived.eventId(event.referralId(), 1);
        assertEquals(TriageService.Result.DECIDED, triage.decide(eventId, event));
        assertEquals(TriageService.Result.ALREADY_PROCESSED, triage.decide(eventId, event));
        // the same version under another event id (a re-published record) does not replace the decision either
        assertEquals(TriageService.Result.NOT_NEWER, triage.decide(UUID.randomUUID(), event));
    }

    private Object read(UUID referralId) {
        try {
            return EventJson.mapper().readTree(decisions.latest(referralId));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
