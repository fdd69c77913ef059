package org.lvs.metrics.service;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.Test;
import org.lvs.contract.referral.Source;
import org.lvs.infra.test.LvsTestResources;
import org.lvs.infra.test.TestClockProducer;
import org.lvs.metrics.TestEvents.Decision;
import org.lvs.metrics.TestEvents.Sent;
import org.lvs.metrics.config.MetricsConfig;
import org.lvs.metrics.domain.ReportingPeriod;

/**
 * The applied-event marks are pruned after their retention, on the real broker and database: an old mark goes, a
 * recent one stays, the running count of events applied still adds up, and the same event delivered again after its
 * mark went changes no fact (every fact write is keyed).
 */
@QuarkusTest
@QuarkusTestResource(LvsTestResources.class)
class AppliedEventRetentionTest {

    @Inject
    AppliedEventRetention retention;

    @Inject
    MetricsConfig config;

    @Test
    void oldMarksGoRecentOnesStayAndALateRedeliveryChangesNoFact() throws Exception {
        int year = 7000 + ThreadLocalRandom.current().nextInt(900);
        Instant day = LocalDateTime.of(year, 6, 3, 11, 0)
                .atZone(ReportingPeriod.LONDON)
                .toInstant();
        Decision old = Decision.of(Source.ADT, day).ref("PRUNE-" + UUID.randomUUID());
        Sent oldEvent = old.event();
        Sent recentEvent = Decision.of(Source.MASH, day).event();
        oldEvent.send();
        recentEvent.send();
        await().atMost(Duration.ofSeconds(60))
                .pollInterval(Duration.ofMillis(200))
                .until(() -> marked(id(oldEvent)) && marked(id(recentEvent)));

        Instant pastTheRetention = TestClockProducer.CLOCK
                .instant()
                .minus(config.appliedEventKeep())
                .minus(Duration.ofHours(1));
        age(id(oldEvent), pastTheRetention);

        long pruned = retention.prune();

        assertTrue(pruned >= 1, "the aged mark was pruned");
        assertTrue(!marked(id(oldEvent)), "the mark past its retention is gone");
        assertTrue(marked(id(recentEvent)), "a recent mark stays");
        assertEquals(0, sql("""
                SELECT (SELECT coalesce(sum(n), 0) FROM metrics.gauge_count WHERE gauge = 'events_applied')
                     - (SELECT count(*) FROM metrics.applied_event)
                     - (SELECT coalesce(sum(n), 0) FROM metrics.gauge_count WHERE gauge = 'events_pruned')"""), "events applied = marks kept + marks pruned");

        oldEvent.send(); // the same event, delivered again after its mark went
        await().atMost(Duration.ofSeconds(60))
                .pollInterval(Duration.ofMillis(200))
                .until(() -> marked(id(oldEvent)));
        assertEquals(1, sql("SELECT count(*) FROM metrics.decision_fact WHERE referral_id = ?", old.referralId()));
        assertEquals(1, sql("SELECT count(*) FROM metrics.referral_fact WHERE referral_id = ?", old.referralId()));
    }

    private static UUID id(Sent event) {
        return event.envelope().eventId();
    }

    private static boolean marked(UUID eventId) throws SQLException {
        return sql("SELECT count(*) FROM metrics.applied_event WHERE event_id = ?", eventId) == 1;
    }

    private static void age(UUID eventId, Instant appliedAt) throws SQLException {
        try (Connection db = LvsTestResources.connection();
                PreparedStatement s =
                        db.prepareStatement("UPDATE metrics.applied_event SET applied_at = ? WHERE event_id = ?")) {
            s.setTimestamp(1, Timestamp.from(appliedAt));
            s.setObject(2, eventId);
            assertEquals(1, s.executeUpdate());
        }
    }

    private static long sql(String query, Object... params) throws SQLException {
        try (Connection db = LvsTestResources.connection();
                PreparedStatement s = db.prepareStatement(query)) {
            for (int i = 0; i < params.length; i++) {
                s.setObject(i + 1, params[i]);
            }
            try (ResultSet rs = s.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }
}
