package org.lvs.triage.messaging;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.lvs.triage.support.Events.awaitFor;
import static org.lvs.triage.support.Events.awaitForAll;
import static org.lvs.triage.support.Events.received;
import static org.lvs.triage.support.Events.referral;
import static org.lvs.triage.support.Events.send;
import static org.lvs.triage.support.Events.uniqueReference;
import static org.lvs.triage.support.Events.victim;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.lvs.contract.Topics;
import org.lvs.contract.event.EventEnvelope;
import org.lvs.contract.event.ReferralDecided;
import org.lvs.contract.event.ReferralReceived;
import org.lvs.contract.referral.Consent;
import org.lvs.contract.referral.CrimeCategory;
import org.lvs.contract.referral.Source;
import org.lvs.contract.triage.Priority;
import org.lvs.infra.test.LvsTestResources;
import org.lvs.infra.test.TestTokens;
import org.lvs.infra.test.TopicProbe;
import org.lvs.triage.domain.TriagePolicy;
import org.lvs.triage.service.TriageService;

/**
 * Issue 12: the repeat-victim rule does not depend on processing order. A victim's later referral decided before the
 * earlier ones (another partition, another instance) is decided again once they arrive.
 */
@QuarkusTest
@QuarkusTestResource(LvsTestResources.class)
class RepeatVictimOrderTest {

    private static final Duration WAIT = Duration.ofSeconds(60);
    private static final Duration QUIET = Duration.ofSeconds(3);
    private static final Instant T = Instant.parse("2017-09-25T09:00:00Z");

    @Inject
    TriageService triage;

    private static ReferralReceived burglary(String personRef, Source source, Instant recordedAt) {
        return received(
                UUID.randomUUID(),
                referral(
                        source,
                        uniqueReference("ORDER"),
                        1,
                        recordedAt,
                        CrimeCategory.BURGLARY,
                        victim(personRef, "07700900123"),
                        Consent.EXPLICIT),
                recordedAt.plusSeconds(90));
    }

    @Test
    void aLaterReferralDecidedFirstEndsPersistentlyTargetedWith48HoursOnceTheEarlierOnesArrive() {
        String personRef = uniqueReference("P-ORDER");
        ReferralReceived later = burglary(personRef, Source.ADT, T);
        ReferralReceived first = burglary(personRef, Source.MASH, T.minus(Duration.ofDays(200)));
        ReferralReceived second = burglary(personRef, Source.OFFICER_DIRECT, T.minus(Duration.ofDays(40)));
        UUID laterId = later.referralId();
        try (TopicProbe triaged = TopicProbe.open(Topics.REFERRALS_TRIAGED);
                TopicProbe feedback = TopicProbe.open(Topics.REFERRALS_FEEDBACK)) {
            send(later);
            ReferralDecided alone = awaitFor(triaged, laterId, 1, WAIT).get(0).payloadAs(ReferralDecided.class);
            assertEquals(Priority.STANDARD, alone.priority());
            assertEquals(120, alone.slaTargetHours());
            assertEquals(0, alone.revision());

            send(first);
            Map<UUID, List<EventEnvelope>> afterFirst =
                    awaitForAll(triaged, Map.of(first.referralId(), 1, laterId, 0), WAIT);
            assertEquals(1, afterFirst.get(first.referralId()).size());
            afterFirst.get(laterId).addAll(awaitFor(triaged, laterId, 1, QUIET));
            assertEquals(List.of(), afterFirst.get(laterId), "one earlier referral changes nothing");

            send(second);
            // the second one's decision and the later one's re-decision come together
            Map<UUID, List<EventEnvelope>> both =
                    awaitForAll(triaged, Map.of(second.referralId(), 1, laterId, 1), WAIT);
            ReferralDecided secondDecided = both.get(second.referralId()).get(0).payloadAs(ReferralDecided.class);
            assertFalse(TriagePolicy.detectsRepeat(secondDecided), "the later one never counts for an earlier one");
            List<EventEnvelope> redecided = both.get(laterId);
            assertEquals(1, redecided.size(), "the later referral is decided again");
            assertEquals(
                    ReferralDecided.eventId(laterId, 1, 1), redecided.get(0).eventId());
            ReferralDecided again = redecided.get(0).payloadAs(ReferralDecided.class);
            assertEquals(1, again.version());
            assertEquals(1, again.revision());
            assertEquals(Priority.PRIORITY, again.priority());
            assertEquals(48, again.slaTargetHours());
            assertTrue(TriagePolicy.detectsRepeat(again));
            assertEquals(alone.receivedAt(), redecided.get(0).occurredAt(), "it happened when the version arrived");
            assertEquals(List.of(), awaitFor(triaged, laterId, 1, QUIET), "once");
            assertEquals(List.of(), awaitFor(feedback, laterId, 1, Duration.ofMillis(500)), "no feedback again");
        }
        given().header("Authorization", TestTokens.referrerFor("ADT"))
                .get("/api/v1/triage/{id}", laterId)
                .then()
                .statusCode(200)
                .body("revision", equalTo(1))
                .body("priority", equalTo("PRIORITY"))
                .body("slaTargetHours", equalTo(48))
                .body("reasons.detail", hasItem(TriagePolicy.REPEAT_VICTIM_DETECTED));
    }

    @Test
    void earlierReferralsDecidedInOneBatchAfterTheLaterOneReDecideItOnce() {
        String personRef = uniqueReference("P-BATCH");
        ReferralReceived later = burglary(personRef, Source.ADT, T);
        ReferralReceived first = burglary(personRef, Source.ADT, T.minus(Duration.ofDays(3)));
        ReferralReceived second = burglary(personRef, Source.ADT, T.minus(Duration.ofDays(2)));
        ReferralReceived tooOld = burglary(personRef, Source.ADT, T.minus(Duration.ofDays(400)));
        try (TopicProbe triaged = TopicProbe.open(Topics.REFERRALS_TRIAGED)) {
            // one transaction: the later one first, then the earlier ones; and one outside the later one's window
            triage.decideAll(List.of(later, first, second, tooOld));

            List<ReferralDecided> decisions = awaitFor(triaged, later.referralId(), 2, WAIT).stream()
                    .map(e -> e.payloadAs(ReferralDecided.class))
                    .toList();
            assertEquals(
                    List.of(0, 1),
                    decisions.stream().map(ReferralDecided::revision).toList(),
                    "the first decision, then one re-decision, in that order");
            assertEquals(
                    List.of(120, 48),
                    decisions.stream().map(ReferralDecided::slaTargetHours).toList());
            assertEquals(List.of(), awaitFor(triaged, later.referralId(), 1, QUIET));
        }
        // the whole batch again: nothing more
        try (TopicProbe triaged = TopicProbe.open(Topics.REFERRALS_TRIAGED)) {
            triage.decideAll(List.of(later, first, second));
            assertEquals(List.of(), awaitFor(triaged, later.referralId(), 1, QUIET));
        }
    }
}
