package org.lvs.metrics.service;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.lvs.contract.Roles;
import org.lvs.contract.casework.ClockState;
import org.lvs.contract.casework.ContactChannel;
import org.lvs.contract.casework.ContactOutcome;
import org.lvs.contract.event.EventTypes;
import org.lvs.contract.event.IntakeStatus;
import org.lvs.contract.referral.Source;
import org.lvs.contract.triage.Pathway;
import org.lvs.contract.triage.Priority;
import org.lvs.contract.triage.Strand;
import org.lvs.infra.test.LvsTestResources;
import org.lvs.infra.test.TestTokens;
import org.lvs.metrics.TestEvents;
import org.lvs.metrics.TestEvents.Case;
import org.lvs.metrics.TestEvents.Decision;
import org.lvs.metrics.domain.ReportingPeriod;
import org.lvs.metrics.persistence.FactTables;
import org.lvs.metrics.persistence.RebuildRuns;

/**
 * The rebuild is atomic (issue 10, item 5), on the real broker and database: a rebuild while events flow gives the
 * same figures as a quiet one, with every event that arrived during it; a rebuild that fails part-way, or whose
 * process dies, leaves the previous figures serving and a FAILED state that a fresh reader of the database sees.
 *
 * <p>To stop a rebuild part-way on purpose, a test holds the advisory lock the rebuild's reader takes before writing a
 * known referral's decision into the shadow tables: the reader then waits at that record, mid-rebuild.
 */
@QuarkusTest
@QuarkusTestResource(LvsTestResources.class)
class RebuildTest {

    @Test
    void aRebuildWhileEventsFlowGivesTheSameFigures() throws Exception {
        Period p = Period.random();
        int before = 30;
        for (int i = 0; i < before; i++) {
            Decision d = Decision.of(i % 2 == 0 ? Source.ADT : Source.MASH, p.day(1 + i % 20));
            d.event().send();
            if (i % 3 == 0) {
                Case c = new Case(d.referralId(), Priority.STANDARD, Strand.CORE, Pathway.CORE, p.day(1 + i % 20));
                c.opened().send();
                c.contact(p.day(2 + i % 20), ContactChannel.PHONE, ContactOutcome.SPOKE_TO_VICTIM)
                        .send();
                c.clock(EventTypes.SLA_MET, ClockState.MET, p.day(2 + i % 20)).send();
            }
            TestEvents.intake("ADT", 1_000 + i, IntakeStatus.ACCEPTED, p.day(1 + i % 20))
                    .send();
        }
        awaitTotal(p, before);

        AtomicBoolean flowing = new AtomicBoolean(true);
        AtomicInteger sent = new AtomicInteger();
        Thread flow = new Thread(
                () -> {
                    while (flowing.get()) {
                        Decision d = Decision.of(Source.SELF, p.day(21 + sent.get() % 5))
                                .route(Priority.PRIORITY, Strand.CORE, Pathway.CORE);
                        d.event().send();
                        new Case(d.referralId(), Priority.PRIORITY, Strand.CORE, Pathway.CORE, p.day(21))
                                .opened()
                                .send();
                        sent.incrementAndGet();
                    }
                },
                "events-during-rebuild");
        flow.start();
        try {
            await().atMost(Duration.ofSeconds(30)).until(() -> sent.get() >= 5);
            int sentBeforeStart = sent.get();
            given().header("Authorization", admin())
                    .post("/api/v1/metrics/rebuild")
                    .then()
                    .statusCode(202)
                    .body("state", equalTo("RUNNING"));
            awaitRebuild("DONE");
            assertTrue(sent.get() > sentBeforeStart, "events flowed while the rebuild ran");
            await().atMost(Duration.ofSeconds(30)).until(() -> sent.get() >= sentBeforeStart + 20);
        } finally {
            flowing.set(false);
            flow.join();
        }
        awaitTotal(p, before + sent.get());
        JsonPath afterFlow = summary(p.quarter);
        assertEquals(before + sent.get(), afterFlow.getInt("referrals.total"));
        assertEquals(sent.get(), afterFlow.getInt("selfReferrals.count"), "every decision sent during the rebuild");
        assertEquals(sent.get(), afterFlow.getInt("priority.cases"), "every case opened during the rebuild");
        assertEquals(before, afterFlow.getInt("intake.accepted"));
        assertEquals(10, afterFlow.getInt("sla.met"));

        // a quiet rebuild now gives exactly the same figures
        given().header("Authorization", admin())
                .post("/api/v1/metrics/rebuild")
                .then()
                .statusCode(202);
        awaitRebuild("DONE");
        assertEquals(withoutFreshness(afterFlow), withoutFreshness(summary(p.quarter)));
        assertEquals(0, shadowTables(), "no shadow table is left");
    }

    @Test
    void aRebuildFailingPartWayLeavesThePreviousFiguresAndSaysSo() throws Exception {
        Period p = Period.random();
        Decision held = Decision.of(Source.ADT, p.day(3));
        held.event().send();
        Decision.of(Source.MASH, p.day(4)).event().send();
        awaitTotal(p, 2);
        Map<String, Object> previous = withoutFreshness(summary(p.quarter));

        try (Connection db = LvsTestResources.connection()) {
            holdShadowLock(db, held.referralId());
            given().header("Authorization", admin())
                    .post("/api/v1/metrics/rebuild")
                    .then()
                    .statusCode(202);
            awaitReaderWaiting(db, held.referralId());
            // the shadow tables break under the reader: a failure that no retry cures
            execute(db, "ALTER TABLE metrics.decision_fact_next RENAME TO decision_fact_broken");
            releaseShadowLock(db, held.referralId());
            try {
                JsonPath status = awaitRebuild("FAILED");
                assertTrue(status.getString("error").startsWith("failed: "), status.prettify());
                assertTrue(status.getString("figures").contains("still serve"), status.prettify());
                assertEquals(previous, withoutFreshness(summary(p.quarter)), "the previous figures serve");
                assertEquals("FAILED", storedState(), "a fresh reader of the database sees FAILED");
                await().atMost(Duration.ofSeconds(30)).until(() -> shadowTables() == 0);
            } finally {
                execute(db, "DROP TABLE IF EXISTS metrics.decision_fact_broken");
            }
        }
        // the live consumers carry on
        Decision.of(Source.SELF, p.day(5)).event().send();
        awaitTotal(p, 3);
    }

    @Test
    void aRebuildWhoseProcessDiesLeavesThePreviousFiguresAndReadsFailed() throws Exception {
        Period p = Period.random();
        Decision held = Decision.of(Source.PARTNER, p.day(6));
        held.event().send();
        awaitTotal(p, 1);
        Map<String, Object> previous = withoutFreshness(summary(p.quarter));

        try (Connection db = LvsTestResources.connection()) {
            holdShadowLock(db, held.referralId());
            given().header("Authorization", admin())
                    .post("/api/v1/metrics/rebuild")
                    .then()
                    .statusCode(202);
            awaitReaderWaiting(db, held.referralId());
            // what a killed process leaves: its run RUNNING in the table, its session (and lock) gone
            await().atMost(Duration.ofSeconds(30)).until(() -> {
                execute(
                        db,
                        "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE application_name = '"
                                + RebuildRuns.SESSION_NAME + "'");
                return "FAILED"
                        .equals(given().header("Authorization", admin())
                                .get("/api/v1/metrics/rebuild")
                                .then()
                                .statusCode(200)
                                .extract()
                                .path("state"));
            });
            JsonPath status = rebuildStatus();
            assertTrue(status.getString("error").startsWith("interrupted"), status.prettify());
            releaseShadowLock(db, held.referralId());
        }
        // the reader left behind finds its run over and swaps nothing
        await().atMost(Duration.ofSeconds(30)).until(() -> shadowTables() == 0);
        assertEquals("FAILED", storedState());
        assertTrue(rebuildStatus().getString("error").startsWith("interrupted"));
        assertEquals(previous, withoutFreshness(summary(p.quarter)));
        Decision.of(Source.SELF, p.day(7)).event().send();
        awaitTotal(p, 2);
    }

    /** A financial year's first quarter of this test alone. */
    record Period(int year, String quarter) {
        static Period random() {
            int year = 5000 + ThreadLocalRandom.current().nextInt(3000);
            return new Period(year, String.format("%d-%02d-Q1", year, (year + 1) % 100));
        }

        Instant day(int day) {
            return LocalDateTime.of(year, 4 + (day - 1) / 30, 1 + (day - 1) % 30, 10, 0)
                    .atZone(ReportingPeriod.LONDON)
                    .toInstant();
        }
    }

    private static String admin() {
        return TestTokens.bearer(Roles.ADMIN);
    }

    private static JsonPath summary(String quarter) {
        return given().header("Authorization", TestTokens.bearer(Roles.OPS))
                .queryParam("period", quarter)
                .get("/api/v1/metrics/summary")
                .then()
                .statusCode(200)
                .extract()
                .jsonPath();
    }

    private static void awaitTotal(Period p, int total) {
        await().atMost(Duration.ofSeconds(90))
                .pollInterval(Duration.ofMillis(500))
                .until(() -> summary(p.quarter).getInt("referrals.total") == total);
    }

    private static JsonPath rebuildStatus() {
        return given().header("Authorization", admin())
                .get("/api/v1/metrics/rebuild")
                .then()
                .statusCode(200)
                .extract()
                .jsonPath();
    }

    private static JsonPath awaitRebuild(String state) {
        await().atMost(Duration.ofSeconds(120))
                .pollInterval(Duration.ofMillis(300))
                .until(() -> state.equals(rebuildStatus().getString("state")));
        return rebuildStatus();
    }

    private static Map<String, Object> withoutFreshness(JsonPath summary) {
        Map<String, Object> copy = new LinkedHashMap<>(summary.getMap(""));
        copy.remove("generatedAt");
        copy.remove("eventsApplied");
        copy.remove("lagSeconds");
        copy.remove("asAt"); // now, for a period not over yet
        return copy;
    }

    private static void holdShadowLock(Connection db, UUID referralId) throws SQLException {
        lock(db, "pg_advisory_lock", referralId);
    }

    private static void releaseShadowLock(Connection db, UUID referralId) throws SQLException {
        lock(db, "pg_advisory_unlock", referralId);
    }

    private static void lock(Connection db, String function, UUID referralId) throws SQLException {
        try (PreparedStatement lock = db.prepareStatement("SELECT " + function + "(hashtextextended(?, ?))")) {
            lock.setString(1, referralId.toString());
            lock.setLong(2, FactTables.SHADOW.lockSeed());
            lock.execute();
        }
    }

    /** Waits until a session waits for the held referral's shadow lock: the reader, mid-rebuild. */
    private static void awaitReaderWaiting(Connection db, UUID referralId) {
        await().atMost(Duration.ofSeconds(60))
                .pollInterval(Duration.ofMillis(200))
                .until(() -> {
                    try (PreparedStatement waiting = db.prepareStatement("""
                    SELECT count(*) FROM pg_locks WHERE locktype = 'advisory' AND NOT granted
                       AND ((classid::bigint << 32) | objid::bigint) = hashtextextended(?, ?)""")) {
                        waiting.setString(1, referralId.toString());
                        waiting.setLong(2, FactTables.SHADOW.lockSeed());
                        try (ResultSet rs = waiting.executeQuery()) {
                            rs.next();
                            return rs.getLong(1) > 0;
                        }
                    }
                });
        assertEquals("RUNNING", rebuildStatus().getString("state"));
    }

    private static void execute(Connection db, String sql) throws SQLException {
        try (Statement statement = db.createStatement()) {
            statement.execute(sql);
        }
    }

    private static long count(Connection db, String sql) throws SQLException {
        try (Statement statement = db.createStatement();
                ResultSet rs = statement.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private static long shadowTables() throws SQLException {
        try (Connection db = LvsTestResources.connection()) {
            return count(
                    db,
                    "SELECT count(*) FROM pg_tables WHERE schemaname = 'metrics' "
                            + "AND (tablename LIKE '%\\_next' OR tablename LIKE '%\\_old')");
        }
    }

    /** The latest run's state as a freshly started service reads it: straight from the table. */
    private static String storedState() throws SQLException {
        try (Connection db = LvsTestResources.connection();
                Statement statement = db.createStatement();
                ResultSet rs = statement.executeQuery(
                        "SELECT state FROM metrics.rebuild_run ORDER BY run_number DESC LIMIT 1")) {
            rs.next();
            return rs.getString(1);
        }
    }
}
