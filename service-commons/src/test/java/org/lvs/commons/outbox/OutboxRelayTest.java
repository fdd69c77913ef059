package org.lvs.commons.outbox;

import static io.restassured.RestAssured.given;
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
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.lvs.contract.Roles;
import org.lvs.contract.Topics;
import org.lvs.contract.event.EventEnvelope;
import org.lvs.contract.event.EventIds;
import org.lvs.infra.test.LvsTestResources;
import org.lvs.infra.test.TestTokens;
import org.lvs.infra.test.TopicProbe;

/** The relay on the real broker and database: a row the broker refuses for good cannot block the others. */
@QuarkusTest
@QuarkusTestResource(LvsTestResources.class)
class OutboxRelayTest {

    @Inject
    OutboxMonitor monitor;

    @Test
    void aRowTheBrokerRefusesForGoodIsQuarantinedAloneAndTheRestFlows() {
        UUID tooLarge = UUID.randomUUID();
        UUID after = UUID.randomUUID();
        try (TopicProbe probe = TopicProbe.open(Topics.CASES_EVENTS)) {
            given().header("Authorization", TestTokens.bearer(Roles.OPS))
                    .post("/probe/sized/" + tooLarge + "/2000000")
                    .then()
                    .statusCode(204);
            given().header("Authorization", TestTokens.bearer(Roles.OPS))
                    .post("/probe/sized/" + after + "/10")
                    .then()
                    .statusCode(204);
            List<EventEnvelope> events = probe.awaitEnvelopes(1, Duration.ofSeconds(30));
            assertEquals(EventIds.of(after, "sized"), events.get(0).eventId());
            assertEquals(0, probe.drain(Duration.ofSeconds(2)).size());
        }
        await().atMost(Duration.ofSeconds(20))
                .until(() -> count("select count(*) from commons_test.outbox_quarantine " + "where event_id = '"
                                + EventIds.of(tooLarge, "sized") + "'")
                        == 1);
        assertTrue(text("select reason from commons_test.outbox_quarantine where event_id = '"
                        + EventIds.of(tooLarge, "sized") + "'")
                .contains("RecordTooLargeException"));
        assertEquals(
                0,
                count("select count(*) from commons_test.outbox_event where event_id in ('"
                        + EventIds.of(tooLarge, "sized") + "', '" + EventIds.of(after, "sized") + "')"),
                "published rows are deleted, the refused one moved aside");
        await().atMost(Duration.ofSeconds(20))
                .until(() -> ((Number) monitor.call().getData().orElseThrow().get("quarantined")).longValue() >= 1);
        String metrics =
                given().get("/q/metrics").then().statusCode(200).extract().asString();
        assertTrue(metrics.contains("lvs_outbox_quarantined "), "the quarantine on /q/metrics");
        assertTrue(metrics.contains("lvs_outbox_backlog "), "the backlog on /q/metrics");
        assertTrue(metrics.contains("lvs_outbox_published_total "), "published rows counted");
    }

    private static int count(String sql) {
        return Integer.parseInt(text(sql));
    }

    private static String text(String sql) {
        try (Connection c = LvsTestResources.connection();
                PreparedStatement ps = c.prepareStatement(sql);
                ResultSet rs = ps.executeQuery()) {
            rs.next();
            return rs.getString(1);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
