package org.lvs.metrics.persistence;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.Test;
import org.lvs.contract.Roles;
import org.lvs.contract.casework.CaseStatus;
import org.lvs.contract.casework.ClockState;
import org.lvs.contract.casework.ContactChannel;
import org.lvs.contract.casework.ContactOutcome;
import org.lvs.contract.event.EventTypes;
import org.lvs.contract.referral.Source;
import org.lvs.contract.triage.DataIssue;
import org.lvs.contract.triage.DecisionOutcome;
import org.lvs.contract.triage.Pathway;
import org.lvs.contract.triage.Priority;
import org.lvs.contract.triage.Strand;
import org.lvs.infra.test.LvsTestResources;
import org.lvs.infra.test.TestTokens;
import org.lvs.metrics.TestEvents.Case;
import org.lvs.metrics.TestEvents.Decision;
import org.lvs.metrics.TestEvents.Sent;
import org.lvs.metrics.domain.ReportingPeriod;

/**
 * The running counts behind the gauges (migration V6) equal the counts over the facts in every snapshot: while
 * events are applied (re-decisions, cases moving between clock states and in and out of the waiting list,
 * duplicates, events out of order), once they are, and after a rebuild swapped in counts of its own. Events applied
 * count the marks kept plus the marks pruned ({@code AppliedEventRetention}).
 */
@QuarkusTest
@QuarkusTestResource(LvsTestResources.class)
class GaugeCountsTest {

    /** Keys whose running count differs from the facts' count, in one statement (one snapshot). */
    private static final String DIFFERENCES = """
            WITH counted AS (
                SELECT gauge, k1, k2, sum(n) AS n FROM metrics.gauge_count WHERE gauge <> 'events_pruned'
                GROUP BY 1, 2, 3 HAVING sum(n) <> 0),
            pruned AS (SELECT coalesce(sum(n), 0) AS n FROM metrics.gauge_count WHERE gauge = 'events_pruned'),
            facts AS (
                SELECT 'referrals' AS gauge, coalesce(source, 'UNKNOWN') AS k1, outcome AS k2, count(*) AS n
                FROM metrics.referral_fact GROUP BY 2, 3
                UNION ALL SELECT 'clock_state', coalesce(clock_state, 'RUNNING'), '', count(*)
                FROM metrics.case_fact GROUP BY 2
                UNION ALL SELECT 'waiting', coalesce(strand, 'UNKNOWN'), '', count(*) FROM metrics.case_fact
                WHERE status <> 'CLOSED' AND first_contact_at IS NOT NULL AND worker IS NULL GROUP BY 2
                UNION ALL SELECT 'events_applied', '', '', count(*) + (SELECT n FROM pruned) FROM metrics.applied_event
                HAVING count(*) + (SELECT n FROM pruned) > 0)
            SELECT (SELECT count(*) FROM (SELECT * FROM counted EXCEPT SELECT * FROM facts) a)
                 + (SELECT count(*) FROM (SELECT * FROM facts EXCEPT SELECT * FROM counted) b)""";

    @Test
    void theRunningCountsEqualTheFactsCountsAlwaysAndAfterARebuild() throws Exception {
        int year = 8000 + ThreadLocalRandom.current().nextInt(1000);
        Instant start = LocalDateTime.of(year, 5, 1, 9, 0)
                .atZone(ReportingPeriod.LONDON)
                .toInstant();
        List<Sent> events = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            Instant at = start.plusSeconds(i * 3600L);
            Decision d = Decision.of(i % 3 == 0 ? Source.MASH : Source.ADT, at);
            events.add(d.event());
            if (i % 4 == 0) {
                // a later version without a case: the referral moves to another outcome
                events.add(d.version(2, at.plusSeconds(60))
                        .noCase(DecisionOutcome.DATA_ISSUE, DataIssue.NO_DATA)
                        .event());
                continue;
            }
            Case c = new Case(
                    d.referralId(), Priority.STANDARD, i % 2 == 0 ? Strand.CORE : Strand.NEST, Pathway.CORE, at);
            Sent opened = c.opened();
            Sent contact = c.contact(at.plusSeconds(600), ContactChannel.PHONE, ContactOutcome.SPOKE_TO_VICTIM);
            events.add(contact); // before the opening: out of order
            events.add(opened);
            events.add(opened); // a duplicate
            events.add(c.clock(EventTypes.SLA_MET, ClockState.MET, at.plusSeconds(600)));
            if (i % 5 == 0) {
                events.add(c.clock(EventTypes.SLA_BREACHED, ClockState.BREACHED, at.plusSeconds(900)));
            }
            if (i % 3 == 0) {
                events.add(c.assign("worker-" + i, at.plusSeconds(1200)));
            }
            if (i % 7 == 0) {
                events.add(c.status(CaseStatus.CLOSED, at.plusSeconds(1800)));
            }
        }
        try (Connection db = LvsTestResources.connection()) {
            for (Sent e : events) {
                e.send();
                assertEquals(0, differences(db), "running counts while events are applied");
            }
            String period = String.format("%d-%02d", year, (year + 1) % 100);
            await().atMost(Duration.ofSeconds(90))
                    .pollInterval(Duration.ofMillis(300))
                    .untilAsserted(() -> {
                        assertEquals(0, differences(db), "running counts while events are applied");
                        assertEquals(
                                40,
                                given().header("Authorization", TestTokens.bearer(Roles.OPS))
                                        .queryParam("period", period)
                                        .get("/api/v1/metrics/summary")
                                        .then()
                                        .statusCode(200)
                                        .extract()
                                        .jsonPath()
                                        .getInt("referrals.total"));
                    });
            given().header("Authorization", TestTokens.bearer(Roles.ADMIN))
                    .post("/api/v1/metrics/rebuild")
                    .then()
                    .statusCode(202);
            await().atMost(Duration.ofSeconds(120))
                    .pollInterval(Duration.ofMillis(300))
                    .until(() -> "DONE"
                            .equals(given().header("Authorization", TestTokens.bearer(Roles.ADMIN))
                                    .get("/api/v1/metrics/rebuild")
                                    .then()
                                    .statusCode(200)
                                    .extract()
                                    .jsonPath()
                                    .getString("state")));
            assertEquals(0, differences(db), "running counts after the rebuild swapped its tables in");
        }
    }

    private static long differences(Connection db) throws SQLException {
        try (Statement s = db.createStatement();
                ResultSet rs = s.executeQuery(DIFFERENCES)) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
