package org.lvs.sla.service;

import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.lvs.sla.support.Api.awaitCase;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.stream.LongStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.lvs.contract.event.CaseEvent;
import org.lvs.infra.test.LvsTestResources;
import org.lvs.infra.test.TestClockProducer;
import org.lvs.sla.support.Api;
import org.lvs.sla.support.CaseEvents;
import org.lvs.sla.support.Upstream;

/**
 * The detector as several instances would run it: concurrent passes over the same due clocks (the scheduled job
 * runs too) flag each clock once, and a pass after the fact (a restart) finds nothing more to emit.
 */
@QuarkusTest
@QuarkusTestResource(LvsTestResources.class)
class ClockDetectionTest {

    @Inject
    ClockDetectionService detection;

    @AfterEach
    void resetClock() {
        TestClockProducer.CLOCK.reset();
    }

    @Test
    void concurrentDetectorsFlagEachClockExactlyOnce() throws Exception {
        List<UUID> ids = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            ids.add(Upstream.decision()
                    .receivedAt(Instant.now().minus(Duration.ofHours(20)))
                    .send()
                    .referralId);
        }
        ids.forEach(id -> awaitCase(id));
        // time jumps 40 hours: every clock is past due at once, and four "instances" race for them
        TestClockProducer.CLOCK.set(Instant.now().plus(Duration.ofHours(40)));
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<CompletableFuture<Integer>> runs = new ArrayList<>();
            for (int i = 0; i < 4; i++) {
                runs.add(CompletableFuture.supplyAsync(
                        () -> detection.flagDue(TestClockProducer.CLOCK.instant(), 2), pool));
            }
            for (CompletableFuture<Integer> run : runs) {
                run.get();
            }
        } finally {
            pool.shutdown();
        }
        await().atMost(Duration.ofSeconds(30))
                .until(() -> ids.stream()
                        .allMatch(id -> "BREACHED".equals(Api.get(id).jsonPath().getString("clock.clockState"))));
        // a later pass (a restart) has nothing left to flag
        detection.flagDue(TestClockProducer.CLOCK.instant(), 100);
        for (UUID id : ids) {
            assertEquals(1, Api.eventCount(id, "SLA_BREACHED"), "one breach for " + id);
            assertEquals(1, Api.eventCount(id, "SLA_AT_RISK"), "one at-risk for " + id);
        }
        // the detector writes back only the clock's columns (one statement for its batch): what it flagged is stored
        UUID first = ids.get(0);
        assertEquals(
                "BREACHED true true true",
                Api.text(
                        "select clock_state || ' ' || at_risk_flagged || ' ' || breach_flagged || ' ' "
                                + "|| (breached_at = due_at) from sla.sla_case where referral_id = ?::uuid",
                        first.toString()));
        // and the event sequence it took: a handler's contact after the breach carries the next one, none is reused
        Api.post(first, "contacts", Api.handler(), "{\"channel\":\"PHONE\",\"outcome\":\"SPOKE_TO_VICTIM\"}")
                .then()
                .statusCode(200)
                .body("clock.clockState", equalTo("MET_LATE"));
        List<Long> sequences = CaseEvents.of(first).stream()
                .map(e -> e.payloadAs(CaseEvent.class).sequence())
                .toList();
        assertEquals(
                LongStream.rangeClosed(1, sequences.size()).boxed().toList(),
                sequences,
                "every event of the case takes the next sequence, in order");
        assertEquals(
                String.valueOf(sequences.size()),
                Api.text("select sequence from sla.sla_case where referral_id = ?::uuid", first.toString()));
    }
}
