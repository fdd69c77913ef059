package org.lvs.ingest.persistence;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.agroal.api.AgroalDataSource;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.lvs.infra.test.LvsTestResources;

/**
 * Marking a batch's versions published after the broker acknowledged them, on a table whose statistics say that
 * (almost) every version is published, as they do in a running system: the plan must not read the whole table once
 * per unpublished row (it did, 4-8 s a batch at 60,000 to 120,000 versions, and batches got 503 past the statement timeout).
 */
@QuarkusTest
@QuarkusTestResource(LvsTestResources.class)
class MarkPublishedTest {

    private static final int PUBLISHED = 20_000;
    private static final int BATCH = 1_000;
    private static final String PREFIX = "MARK-PUBLISHED-";

    @Inject
    ReferralStore store;

    @Inject
    AgroalDataSource dataSource;

    private final List<UUID> batchIds = new ArrayList<>();

    @BeforeEach
    void aMostlyPublishedTableWithStatisticsAndABatchNotYetMarked() throws SQLException {
        try (Connection c = dataSource.getConnection();
                Statement s = c.createStatement()) {
            s.execute(versions(PUBLISHED, "published-", true));
            s.execute("ANALYZE referral_version");
            s.execute(versions(BATCH, "batch-", false));
            try (ResultSet rs = s.executeQuery("SELECT referral_id FROM referral WHERE source_reference LIKE '" + PREFIX
                    + "batch-%' ORDER BY referral_id")) {
                while (rs.next()) {
                    batchIds.add(rs.getObject(1, UUID.class));
                }
            }
        }
        assertEquals(BATCH, batchIds.size());
    }

    @AfterEach
    void removeTheRows() throws SQLException {
        StoredReferrals.deleteWithPrefix(dataSource, PREFIX);
    }

    /**
     * Under such statistics the planner's choice between a hash join and a nested loop is a near tie (the running
     * system got the nested loop, this test's database the hash join), so the test takes the hash join away and
     * looks at what the statement falls back to: an index probe per id, never a scan of the table per row.
     */
    @Test
    void thePlanNeverScansTheWholeTableOncePerRow() throws Exception {
        JsonNode plan;
        try (Connection c = dataSource.getConnection();
                Statement settings = c.createStatement();
                PreparedStatement explain =
                        c.prepareStatement("EXPLAIN (FORMAT JSON) " + ReferralStore.MARK_PUBLISHED)) {
            settings.execute("SET enable_hashjoin = off");
            try {
                explain.setString(1, Instant.now().toString());
                explain.setArray(
                        2,
                        c.createArrayOf(
                                "text", batchIds.stream().map(UUID::toString).toArray()));
                explain.setArray(
                        3, c.createArrayOf("int4", Collections.nCopies(BATCH, 1).toArray()));
                try (ResultSet rs = explain.executeQuery()) {
                    rs.next();
                    plan = new ObjectMapper().readTree(rs.getString(1)).get(0).get("Plan");
                }
            } finally {
                settings.execute("RESET enable_hashjoin"); // the connection goes back to the pool
            }
        }
        assertFalse(
                nestedLoopOverASequentialScanOfVersions(plan),
                "a nested loop over a sequential scan of referral_version: " + plan.toPrettyString());
    }

    @Test
    void everyVersionOfTheBatchIsMarkedAndKeepsItsFirstPublicationTime() throws SQLException {
        Instant first = Instant.now().truncatedTo(ChronoUnit.MICROS);
        List<Integer> versions = Collections.nCopies(BATCH, 1);
        QuarkusTransaction.requiringNew().run(() -> store.markPublished(batchIds, versions, first));
        QuarkusTransaction.requiringNew().run(() -> store.markPublished(batchIds, versions, first.plusSeconds(60)));
        try (Connection c = dataSource.getConnection();
                PreparedStatement read = c.prepareStatement(
                        "SELECT count(*) FILTER (WHERE published), "
                                + "count(*) FILTER (WHERE published_at = ?) FROM referral_version WHERE referral_id = ANY(?)")) {
            read.setObject(1, first.atOffset(java.time.ZoneOffset.UTC));
            read.setArray(2, c.createArrayOf("uuid", batchIds.toArray()));
            try (ResultSet rs = read.executeQuery()) {
                rs.next();
                assertEquals(BATCH, rs.getInt(1), "versions published");
                assertEquals(BATCH, rs.getInt(2), "versions still carrying their first publication time");
            }
        }
    }

    private static boolean nestedLoopOverASequentialScanOfVersions(JsonNode node) {
        if ("Nested Loop".equals(node.path("Node Type").asText())) {
            for (JsonNode child : node.path("Plans")) {
                if ("Seq Scan".equals(child.path("Node Type").asText())
                        && "referral_version".equals(child.path("Relation Name").asText())) {
                    return true;
                }
            }
        }
        for (JsonNode child : node.path("Plans")) {
            if (nestedLoopOverASequentialScanOfVersions(child)) {
                return true;
            }
        }
        return false;
    }

    /** {@code count} referrals with one version each, published or not, in one statement. */
    private static String versions(int count, String kind, boolean published) {
        return "WITH r AS (INSERT INTO referral (referral_id, source, source_reference, first_received_at) "
                + "SELECT gen_random_uuid(), 'ADT', '" + PREFIX + kind + "' || n, now() "
                + "FROM generate_series(1, " + count + ") AS n RETURNING referral_id) "
                + "INSERT INTO referral_version (referral_id, version, content_hash, received_at, status, published, "
                + "published_at) SELECT referral_id, 1, repeat('0', 64), now(), 'ACCEPTED', " + published + ", "
                + (published ? "now()" : "null") + " FROM r";
    }
}
