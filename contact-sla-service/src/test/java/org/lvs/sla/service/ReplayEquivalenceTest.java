package org.lvs.sla.service;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.lvs.sla.support.Api.admin;
import static org.lvs.sla.support.Api.handler;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.lvs.contract.casework.CaseStatus;
import org.lvs.contract.event.CaseEvent;
import org.lvs.infra.test.LvsTestResources;
import org.lvs.infra.test.TestClockProducer;
import org.lvs.sla.config.SlaConfig;
import org.lvs.sla.support.Api;
import org.lvs.sla.support.CaseEvents;
import org.lvs.sla.support.Upstream;

/**
 * A replayed history gives exactly the clocks live operation gives (issue 12; sla-policy.md; interfaces.md,
 * historical replay). The same history of four cases runs twice: live, the clock advanced step by step and the
 * detector running at each step, handlers acting at the current time; then all at once long afterwards, as a
 * migration replays it, with every action's {@code at} set by admin. Both give the same clock states, due times and
 * SLA_* events: amendments that change the target or set unsafe-to-contact count at their own time, and at-risk
 * points and breaches are judged at the events' times, not at the real now.
 */
@QuarkusTest
@QuarkusTestResource(LvsTestResources.class)
class ReplayEquivalenceTest {

    private static final Duration WAIT = Duration.ofSeconds(60);

    @Inject
    ClockDetectionService detection;

    @Inject
    SlaConfig config;

    @AfterEach
    void resetClock() {
        TestClockProducer.CLOCK.reset();
    }

    /** One run of the history: the cases by name, and when it starts. */
    private static final class Run {
        final Instant t0;
        final boolean live;
        final Map<String, UUID> cases = new LinkedHashMap<>();
        final String area = "REPLAY-" + UUID.randomUUID();

        Run(Instant t0, boolean live) {
            this.t0 = t0;
            this.live = live;
            for (String name : List.of("target", "unsafe", "shortened", "screened")) {
                cases.put(name, UUID.randomUUID());
            }
        }

        Instant at(long hours) {
            return t0.plus(Duration.ofHours(hours));
        }
    }

    @Test
    void aReplayedHistoryGivesTheClocksLiveOperationGave() {
        Run live = new Run(Instant.parse("2017-07-03T09:00:00Z"), true);
        for (long hour : new long[] {0, 5, 10, 20, 30, 40, 52, 60, 70}) {
            TestClockProducer.CLOCK.set(live.at(hour));
            detection.flagDue(TestClockProducer.CLOCK.instant(), 500); // the detector runs all along
            step(live, hour);
        }
        TestClockProducer.CLOCK.set(live.at(80));
        detection.flagDue(TestClockProducer.CLOCK.instant(), 500);

        Run replay = new Run(Instant.parse("2017-08-07T09:00:00Z"), false);
        Instant realNow = replay.at(24 * 400);
        TestClockProducer.CLOCK.set(realNow); // long after: every due time of the history is in the past
        for (long hour : new long[] {0, 5, 10, 20, 30, 40, 52, 60, 70}) {
            step(replay, hour);
        }
        // the history is in; once it has settled the detector flags what is left, at the real now
        TestClockProducer.CLOCK.set(
                realNow.plus(config.detector().replaySettle()).plusSeconds(1));
        detection.flagDue(TestClockProducer.CLOCK.instant(), 500);

        for (String name : live.cases.keySet()) {
            assertEquals(clockOf(live, name), clockOf(replay, name), name + ": the clock");
            assertEquals(slaEvents(live, name), slaEvents(replay, name), name + ": the SLA_* events");
        }
        // and the clocks are the ones the policy prescribes
        assertEquals(
                List.of(
                        "SLA_STARTED@0h RUNNING due 120h",
                        "SLA_AT_RISK@36h AT_RISK due 48h",
                        "SLA_MET@40h MET due 48h"),
                slaEvents(live, "target"));
        assertEquals(
                List.of(
                        "SLA_STARTED@0h RUNNING due 48h",
                        "SLA_PAUSED@20h PAUSED due 48h",
                        "SLA_RESUMED@30h RUNNING due 58h",
                        "SLA_AT_RISK@46h AT_RISK due 58h",
                        "SLA_BREACHED@58h BREACHED due 58h"),
                slaEvents(live, "unsafe"));
        assertEquals(
                List.of(
                        "SLA_STARTED@0h RUNNING due 120h",
                        "SLA_AT_RISK@36h AT_RISK due 48h",
                        "SLA_BREACHED@48h BREACHED due 48h",
                        "SLA_MET_LATE@70h MET_LATE due 48h"),
                slaEvents(live, "shortened"));
        assertEquals(
                List.of(
                        "SLA_STARTED@0h RUNNING due 48h",
                        "SLA_PAUSED@0h PAUSED due 48h",
                        "SLA_RESUMED@5h RUNNING due 53h",
                        "SLA_AT_RISK@41h AT_RISK due 53h",
                        "SLA_MET@52h MET due 53h"),
                slaEvents(live, "screened"));
    }

    /**
     * The history, hour by hour. "target": standard, then re-graded priority at 10 h, contacted at 40 h. "unsafe":
     * newly unsafe to contact at 20 h, screened safe at 30 h, never contacted. "shortened": standard, then priority at
     * 60 h (past the new due time), contacted at 70 h. "screened": unsafe from the start, screened at 5 h, contacted
     * at 52 h.
     */
    private static void step(Run run, long hour) {
        Map<String, UUID> c = run.cases;
        switch ((int) hour) {
            case 0 -> {
                decision(run, "target", 1, hour).standard().send();
                decision(run, "unsafe", 1, hour).send();
                decision(run, "shortened", 1, hour).standard().send();
                decision(run, "screened", 1, hour).status(CaseStatus.SCREENING).send();
                c.values().forEach(Api::awaitCase);
            }
            case 5 -> act(run, "screened", "screening", hour, "{\"safeToContact\":true}");
            case 10 -> applied(run, "target", decision(run, "target", 2, hour).send());
            case 20 ->
                applied(
                        run,
                        "unsafe",
                        decision(run, "unsafe", 2, hour)
                                .status(CaseStatus.SCREENING)
                                .send());
            case 30 -> act(run, "unsafe", "screening", hour, "{\"safeToContact\":true}");
            case 40 -> act(run, "target", "contacts", hour, "{\"channel\":\"PHONE\",\"outcome\":\"SPOKE_TO_VICTIM\"}");
            case 52 ->
                act(run, "screened", "contacts", hour, "{\"channel\":\"PHONE\",\"outcome\":\"SPOKE_TO_VICTIM\"}");
            case 60 ->
                applied(run, "shortened", decision(run, "shortened", 2, hour).send());
            case 70 ->
                act(run, "shortened", "contacts", hour, "{\"channel\":\"PHONE\",\"outcome\":\"VICTIM_RESPONDED\"}");
            default -> throw new IllegalArgumentException("no step at " + hour);
        }
    }

    private static Upstream.Decision decision(Run run, String name, int version, long hour) {
        return Upstream.decision()
                .id(run.cases.get(name))
                .version(version)
                .area(run.area)
                .receivedAt(run.at(hour));
    }

    private static void applied(Run run, String name, Upstream.Decision d) {
        await().atMost(WAIT).until(() -> Api.get(run.cases.get(name)).jsonPath().getInt("version") == d.version);
    }

    /** Live, a handler acts now; replayed, admin sets the action's historical time. */
    private static void act(Run run, String name, String action, long hour, String json) {
        String body = run.live ? json : json.replaceFirst("\\{", "{\"at\":\"" + run.at(hour) + "\",");
        Api.post(run.cases.get(name), action, run.live ? handler() : admin(), body)
                .then()
                .statusCode(200);
    }

    /** The case's clock, its times relative to the run's start. */
    private static String clockOf(Run run, String name) {
        JsonPath c = Api.get(run.cases.get(name)).jsonPath();
        return c.getString("status") + " " + c.getString("clock.clockState") + " started "
                + rel(run, c.getString("clock.startedAt")) + " due " + rel(run, c.getString("clock.dueAt"))
                + " target " + c.getInt("clock.targetHours") + " paused " + c.getLong("clock.pausedSeconds")
                + " first contact " + rel(run, c.getString("clock.firstContactAt"));
    }

    /** The case's SLA_* events on cases.events: type, time, and the clock right after it, relative to the start. */
    private static List<String> slaEvents(Run run, String name) {
        List<String> events = new ArrayList<>();
        CaseEvents.of(run.cases.get(name)).stream()
                .filter(e -> e.type().startsWith("SLA_"))
                .forEach(e -> {
                    CaseEvent p = e.payloadAs(CaseEvent.class);
                    events.add(
                            e.type() + "@" + rel(run, p.at()) + " " + p.clockState() + " due " + rel(run, p.dueAt()));
                });
        return events;
    }

    private static String rel(Run run, String instant) {
        return instant == null ? "-" : rel(run, Instant.parse(instant));
    }

    private static String rel(Run run, Instant instant) {
        Duration d = Duration.between(run.t0, instant);
        return d.toSeconds() % 3600 == 0 ? d.toHours() + "h" : d.toString();
    }
}
