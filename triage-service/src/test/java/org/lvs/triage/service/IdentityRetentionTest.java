package org.lvs.triage.service;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.lvs.contract.event.ReferralReceived;
import org.lvs.contract.referral.Consent;
import org.lvs.contract.referral.CrimeCategory;
import org.lvs.contract.referral.Source;
import org.lvs.infra.test.LvsTestResources;
import org.lvs.infra.test.TestClockProducer;
import org.lvs.triage.support.Db;
import org.lvs.triage.support.Events;

/**
 * The retention of identity hashes (window 365 days, grace 30 days) with the injected clock: measured against the
 * newest recordedAt decided (capped at now), never the wall clock alone, and never deleting what was just stored.
 */
@QuarkusTest
@QuarkusTestResource(LvsTestResources.class)
class IdentityRetentionTest {

    @Inject
    TriageService triage;

    @Inject
    IdentityRetention retention;

    @AfterEach
    void resetClock() {
        TestClockProducer.CLOCK.reset();
    }

    private UUID decide(String label, Instant recordedAt) {
        UUID id = UUID.randomUUID();
        ReferralReceived event = Events.received(
                id,
                Events.referral(
                        Source.ADT,
                        Events.uniqueReference(label),
                        1,
                        recordedAt,
                        CrimeCategory.THEFT,
                        Events.victim(Events.uniqueReference("P"), "07700900123"),
                        Consent.EXPLICIT),
                recordedAt.plusSeconds(60));
        assertEquals(TriageService.Result.DECIDED, triage.decide(event));
        return id;
    }

    private static Map<String, Boolean> kept(Map<String, UUID> ids) {
        Map<String, Boolean> kept = new LinkedHashMap<>();
        ids.forEach((name, id) ->
                kept.put(name, Db.count("SELECT count(*) FROM triage.victim_identity WHERE referral_id = ?", id) == 1));
        return kept;
    }

    private static Instant at(String instant) {
        return Instant.parse(instant);
    }

    @Test
    void identitiesGoOnceNoReferralStillToComeCanMatchThem() {
        TestClockProducer.CLOCK.set(at("2041-06-01T00:00:00Z"));
        Map<String, UUID> ids = new LinkedHashMap<>();
        ids.put("A", decide("A", at("2040-01-01T00:00:00Z"))); // matters to referrals up to 2041-01-01; + grace: 01-31
        ids.put("B", decide("B", at("2040-06-01T00:00:00Z"))); // up to 2041-06-01; + grace: 2041-07-01
        ids.put("C", decide("C", at("2041-03-01T00:00:00Z"))); // the newest recorded: the frontier

        // Just stored: kept for the grace period even though A is long out of the frontier's window (a replay).
        IdentityRetention.Run run = retention.purge().orElseThrow();
        assertEquals(at("2041-03-01T00:00:00Z"), run.frontier());
        assertEquals(Map.of("A", true, "B", true, "C", true), kept(ids));

        // Stored 34 days ago: A goes. B stays although the wall clock passed its window and grace (2041-07-01): the
        // frontier, the newest referral decided, is 2041-03-01, and a referral recorded up to then may still come.
        TestClockProducer.CLOCK.set(at("2041-07-05T00:00:00Z"));
        run = retention.purge().orElseThrow();
        assertEquals(at("2041-03-01T00:00:00Z").minus(Duration.ofDays(395)), run.recordedUpTo());
        assertEquals(Map.of("A", false, "B", true, "C", true), kept(ids));

        // The frontier moves with the referrals decided: B goes once a referral recorded after 2041-07-01 is decided.
        TestClockProducer.CLOCK.set(at("2041-08-02T00:00:00Z"));
        ids.put("D", decide("D", at("2041-08-01T00:00:00Z")));
        retention.purge();
        assertEquals(Map.of("A", false, "B", false, "C", true, "D", true), kept(ids));

        // A referral recorded in the future cannot push the frontier past now.
        ids.put("future", decide("FUTURE", at("2099-01-01T00:00:00Z")));
        run = retention.purge().orElseThrow();
        assertEquals(at("2041-08-02T00:00:00Z"), run.frontier());
        assertEquals(Map.of("A", false, "B", false, "C", true, "D", true, "future", true), kept(ids));

        // Old history replayed now is kept for the grace period, then goes.
        ids.put("replayed", decide("REPLAYED", at("2017-01-01T00:00:00Z")));
        retention.purge();
        assertEquals(true, kept(ids).get("replayed"));
        TestClockProducer.CLOCK.set(at("2041-09-05T00:00:00Z"));
        retention.purge();
        assertEquals(false, kept(ids).get("replayed"));

        // Decisions stay: they hold no personal data.
        assertEquals(1, Db.count("SELECT count(*) FROM triage.decision WHERE referral_id = ?", ids.get("A")));
    }
}
