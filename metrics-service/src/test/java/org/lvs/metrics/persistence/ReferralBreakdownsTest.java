package org.lvs.metrics.persistence;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.lvs.infra.test.LvsTestResources;
import org.lvs.metrics.domain.ReportingPeriod;

/**
 * The summary's referral breakdowns from one grouping-sets pass give what one query a column gives: the same keys in
 * the same order and the same counts, a null counted with a stored value equal to the null key, and referrals
 * outside the period left out.
 */
@QuarkusTest
@QuarkusTestResource(LvsTestResources.class)
class ReferralBreakdownsTest {

    private static final String[] COLUMNS = {"source", "category", "area", "gender", "age_band", "outcome"};

    @Inject
    FigureQueries queries;

    private final List<UUID> inserted = new ArrayList<>();

    @Test
    void onePassGivesEachColumnsBreakdownAsItsOwnQueryDoes() throws SQLException {
        // a year of its own, far from the other tests' facts
        int year = 7000 + ThreadLocalRandom.current().nextInt(1000);
        ReportingPeriod q1 = ReportingPeriod.range(LocalDate.of(year, 4, 1), LocalDate.of(year, 6, 30));
        Instant inQ1 = LocalDateTime.of(year, 5, 2, 10, 0)
                .atZone(ReportingPeriod.LONDON)
                .toInstant();
        Instant afterQ1 = LocalDateTime.of(year, 8, 2, 10, 0)
                .atZone(ReportingPeriod.LONDON)
                .toInstant();
        insert(inQ1, "ADT", "VIOLENCE", "NORTH", "FEMALE", "18-24", "CASE_OPENED");
        insert(inQ1, "ADT", "VIOLENCE", "EAST", null, "25-34", "CASE_OPENED");
        insert(inQ1, "MASH", "THEFT", null, "UNKNOWN", null, "RETURNED");
        insert(inQ1, null, "THEFT", "NORTH", "MALE", "25-34", "NO_CONSENT");
        insert(afterQ1, "SELF", "FRAUD", "WEST", "MALE", "65+", "CASE_OPENED");

        Map<String, Map<String, Long>> together = queries.referralBreakdowns(q1, "UNKNOWN", COLUMNS);

        assertEquals(List.of(COLUMNS), List.copyOf(together.keySet()));
        for (String column : COLUMNS) {
            Map<String, Long> alone = queries.referralBreakdown(q1, column, null, "UNKNOWN");
            assertEquals(
                    List.copyOf(alone.entrySet()),
                    List.copyOf(together.get(column).entrySet()),
                    column);
        }
        assertEquals(Map.of("FEMALE", 1L, "MALE", 1L, "UNKNOWN", 2L), together.get("gender"));
        assertEquals(Map.of("ADT", 2L, "MASH", 1L, "UNKNOWN", 1L), together.get("source"));
        assertEquals(Map.of("EAST", 1L, "NORTH", 2L, "UNKNOWN", 1L), together.get("area"));
    }

    @Test
    void aColumnNotOnTheListIsRefused() {
        ReportingPeriod period = ReportingPeriod.range(LocalDate.of(2017, 4, 1), LocalDate.of(2017, 6, 30));
        assertThrows(
                IllegalArgumentException.class,
                () -> queries.referralBreakdowns(period, "UNKNOWN", "source", "victim_name"));
    }

    private void insert(
            Instant at, String source, String category, String area, String gender, String ageBand, String outcome)
            throws SQLException {
        UUID id = UUID.randomUUID();
        try (Connection c = LvsTestResources.connection();
                PreparedStatement s = c.prepareStatement("""
                        INSERT INTO metrics.referral_fact (referral_id, source, first_received_at, first_version,
                            first_outcome, first_issue_resolved, version, outcome, category, area, gender, age_band,
                            persistently_targeted)
                        VALUES (?, ?, ?, 1, ?, false, 1, ?, ?, ?, ?, ?, false)""")) {
            s.setObject(1, id);
            s.setString(2, source);
            s.setTimestamp(3, Timestamp.from(at));
            s.setString(4, outcome);
            s.setString(5, outcome);
            s.setString(6, category);
            s.setString(7, area);
            s.setString(8, gender);
            s.setString(9, ageBand);
            s.executeUpdate();
        }
        inserted.add(id);
    }

    @AfterEach
    void removeTheFacts() throws SQLException {
        try (Connection c = LvsTestResources.connection();
                PreparedStatement s =
                        c.prepareStatement("DELETE FROM metrics.referral_fact WHERE referral_id = ANY(?)")) {
            s.setArray(1, c.createArrayOf("uuid", inserted.toArray()));
            s.executeUpdate();
        }
        inserted.clear();
    }
}
