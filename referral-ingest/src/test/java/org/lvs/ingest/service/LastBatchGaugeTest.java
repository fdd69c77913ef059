package org.lvs.ingest.service;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.lvs.contract.Roles;
import org.lvs.infra.test.LvsTestResources;
import org.lvs.infra.test.TestTokens;

/**
 * {@code lvs_ingest_last_batch_seconds{source}} on /q/metrics: the last batch accepted per source, read from the
 * database (so it survives restarts and agrees across instances).
 */
@QuarkusTest
@QuarkusTestResource(LvsTestResources.class)
class LastBatchGaugeTest {

    @Inject
    LastBatchGauge gauge;

    @Test
    void aBatchSetsItsSourcesGaugeAtOnce() {
        long before = Instant.now().getEpochSecond();
        String recordedAt = Instant.now().minus(1, ChronoUnit.HOURS).toString();
        given().header("Authorization", TestTokens.bearer(Roles.REFERRER))
                .contentType("text/csv")
                .queryParam("source", "PARTNER")
                .body("sourceReference,recordedAt,area,crime.category,consent\nGAUGE-" + before + "," + recordedAt
                        + ",CENTRAL,ASSAULT,EXPLICIT\n")
                .post("/api/v1/referrals/batch")
                .then()
                .statusCode(200);
        assertTrue(scraped("PARTNER") >= before, "the gauge moved to the batch's time");
    }

    @Test
    void theGaugeIsReadFromTheDatabase() throws Exception {
        // As another instance (or this one before a restart) would have written it.
        Instant at = Instant.parse("2031-03-04T07:30:00Z");
        try (Connection c = LvsTestResources.connection();
                PreparedStatement s = c.prepareStatement("""
                INSERT INTO ingest.batch_arrival (source, last_batch_at) VALUES ('SELF', ?)
                ON CONFLICT (source) DO UPDATE SET last_batch_at = EXCLUDED.last_batch_at""")) {
            s.setTimestamp(1, Timestamp.from(at));
            s.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
        gauge.refresh(); // what the scheduler and the start do
        assertEquals(at.getEpochSecond(), scraped("SELF"));
    }

    static long scraped(String source) {
        String metrics = given().accept(ContentType.TEXT)
                .get("/q/metrics")
                .then()
                .statusCode(200)
                .extract()
                .asString();
        Matcher m = Pattern.compile("(?m)^lvs_ingest_last_batch_seconds\\{[^}]*source=\"" + source + "\"[^}]*} (\\S+)$")
                .matcher(metrics);
        assertTrue(m.find(), "lvs_ingest_last_batch_seconds{source=\"" + source + "\"} on /q/metrics");
        return (long) Double.parseDouble(m.group(1));
    }
}
