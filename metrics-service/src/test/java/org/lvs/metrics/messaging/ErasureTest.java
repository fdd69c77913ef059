package org.lvs.metrics.messaging;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
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
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.Test;
import org.lvs.contract.Roles;
import org.lvs.contract.Topics;
import org.lvs.contract.event.IntakeRecorded;
import org.lvs.contract.event.IntakeStatus;
import org.lvs.contract.event.PersonalDataErased;
import org.lvs.contract.referral.Source;
import org.lvs.infra.test.LvsTestResources;
import org.lvs.infra.test.TestTokens;
import org.lvs.infra.test.TopicProbe;
import org.lvs.metrics.TestEvents.Decision;
import org.lvs.metrics.domain.ReportingPeriod;

/**
 * Erasure (issue 11) on the real broker and database: a {@code PersonalDataErased} on {@code cases.erasures} blanks
 * the referral's source references in every table of the service, whatever order its events arrive in, and a
 * rebuild from the topics applies the erasures again; the counts stay.
 */
@QuarkusTest
@QuarkusTestResource(LvsTestResources.class)
class ErasureTest {

    @Test
    void anErasureBlanksTheSourceReferencesEverywhereAndKeepsTheCounts() throws Exception {
        int year = 8100 + ThreadLocalRandom.current().nextInt(800);
        String quarter = String.format("%d-%02d-Q1", year, (year + 1) % 100);
        Instant day = LocalDateTime.of(year, 5, 2, 10, 0)
                .atZone(ReportingPeriod.LONDON)
                .toInstant();

        // a referral with two versions and its intake records, then its erasure
        String reference = "ERASE-ME-" + UUID.randomUUID();
        Decision v1 = Decision.of(Source.ADT, day).ref(reference);
        Decision v2 =
                Decision.of(Source.ADT, day).id(v1.referralId()).ref(reference).version(2, day.plusSeconds(60));
        v1.event().send();
        v2.event().send();
        intake(v1.referralId(), reference, 1, day);
        intake(v1.referralId(), reference, 2, day.plusSeconds(60));
        // a referral whose erasure arrives before its decision and intake record
        String laterReference = "ERASE-ME-TOO-" + UUID.randomUUID();
        UUID later = UUID.randomUUID();
        erase(later, day.plusSeconds(7200));
        // another referral of the period that stays as it is
        String kept = "KEEP-" + UUID.randomUUID();
        Decision.of(Source.MASH, day).ref(kept).event().send();
        awaitSummary(quarter, 2, 2);

        erase(v1.referralId(), day.plusSeconds(3600));
        erase(v1.referralId(), day.plusSeconds(3600)); // delivered twice: changes nothing more
        Decision.of(Source.SELF, day).id(later).ref(laterReference).event().send();
        intake(later, laterReference, 3, day);

        await().atMost(Duration.ofSeconds(90))
                .pollInterval(Duration.ofMillis(500))
                .until(() -> rowsHolding(reference).isEmpty()
                        && rowsHolding(laterReference).isEmpty()
                        && summary(quarter).getInt("referrals.total") == 3);
        JsonPath s = awaitSummary(quarter, 3, 3);
        assertEquals(1, s.getInt("referrals.bySource.ADT"), "the erased referral still counts once");
        assertEquals(1, s.getInt("referrals.bySource.SELF"));
        assertTrue(!rowsHolding(kept).isEmpty(), "references of referrals not erased stay");
        assertEquals(List.of(), rowsHolding(reference));

        // a rebuild reads the topics again, erasures included
        given().header("Authorization", TestTokens.bearer(Roles.ADMIN))
                .post("/api/v1/metrics/rebuild")
                .then()
                .statusCode(202);
        await().atMost(Duration.ofSeconds(120))
                .pollInterval(Duration.ofMillis(500))
                .until(() -> "DONE"
                        .equals(given().header("Authorization", TestTokens.bearer(Roles.ADMIN))
                                .get("/api/v1/metrics/rebuild")
                                .then()
                                .extract()
                                .path("state")));
        assertEquals(List.of(), rowsHolding(reference), "the rebuilt tables hold no erased reference");
        assertEquals(List.of(), rowsHolding(laterReference));
        awaitSummary(quarter, 3, 3);
    }

    @Test
    void anUnreadableErasureIsDeadLetteredAndTheChannelCarriesOn() {
        try (TopicProbe dlq = TopicProbe.open(Topics.dlq(Topics.CASES_ERASURES))) {
            TopicProbe.send(Topics.CASES_ERASURES, "poison", "{ not an erasure");
            assertEquals(1, dlq.awaitRecords(1, Duration.ofSeconds(60)).size());
        }
        int year = 8950 + ThreadLocalRandom.current().nextInt(40);
        Instant day = LocalDateTime.of(year, 5, 2, 10, 0)
                .atZone(ReportingPeriod.LONDON)
                .toInstant();
        String reference = "ERASE-AFTER-POISON-" + UUID.randomUUID();
        Decision d = Decision.of(Source.ADT, day).ref(reference);
        d.event().send();
        erase(d.referralId(), day);
        await().atMost(Duration.ofSeconds(90))
                .pollInterval(Duration.ofMillis(500))
                .until(() -> summary(String.format("%d-%02d-Q1", year, (year + 1) % 100))
                                        .getInt("referrals.total")
                                == 1
                        && rowsHolding(reference).isEmpty());
    }

    private static void erase(UUID referralId, Instant at) {
        TopicProbe.send(
                Topics.CASES_ERASURES,
                referralId.toString(),
                new PersonalDataErased(referralId, Source.ADT, PersonalDataErased.CONSENT_WITHDRAWN, at).toEnvelope());
    }

    private static void intake(UUID referralId, String reference, int version, Instant at) {
        TopicProbe.send(
                Topics.REFERRALS_INTAKE,
                "ADT",
                new IntakeRecorded(
                                "rec-" + UUID.randomUUID(),
                                referralId,
                                "ADT",
                                reference,
                                version,
                                null,
                                "batch-erasure",
                                version == 1 ? IntakeStatus.ACCEPTED : IntakeStatus.AMENDED,
                                List.of(),
                                at)
                        .toEnvelope());
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

    private static JsonPath awaitSummary(String quarter, int referrals, int intakeRecords) {
        await().atMost(Duration.ofSeconds(90))
                .pollInterval(Duration.ofMillis(500))
                .until(() -> {
                    JsonPath s = summary(quarter);
                    return s.getInt("referrals.total") == referrals
                            && s.getInt("intake.accepted") + s.getInt("intake.amended") == intakeRecords;
                });
        return summary(quarter);
    }

    /** Every table of the service's schema whose rows hold the text anywhere: the whole row, read as text. */
    private static List<String> rowsHolding(String text) throws SQLException {
        List<String> found = new ArrayList<>();
        try (Connection db = LvsTestResources.connection()) {
            List<String> tables = new ArrayList<>();
            try (Statement statement = db.createStatement();
                    ResultSet rs = statement.executeQuery(
                            "SELECT tablename FROM pg_tables WHERE schemaname = 'metrics' ORDER BY 1")) {
                while (rs.next()) {
                    tables.add(rs.getString(1));
                }
            }
            for (String table : tables) {
                try (PreparedStatement query = db.prepareStatement(
                        "SELECT count(*) FROM metrics." + table + " t WHERE strpos(t::text, ?) > 0")) {
                    query.setString(1, text);
                    try (ResultSet rs = query.executeQuery()) {
                        rs.next();
                        if (rs.getLong(1) > 0) {
                            found.add(table);
                        }
                    }
                }
            }
        }
        return found;
    }
}
