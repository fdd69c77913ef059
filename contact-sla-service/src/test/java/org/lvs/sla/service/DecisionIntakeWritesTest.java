package org.lvs.sla.service;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.lvs.commons.jdbc.Sql;
import org.lvs.contract.referral.Consent;
import org.lvs.infra.test.LvsTestResources;
import org.lvs.sla.support.Upstream;

/**
 * What intake costs the database, read from PostgreSQL's own counters of the connection: a new case is one INSERT of
 * its row, never an INSERT followed by an UPDATE of the row just written, also when a later version in the same batch
 * amends it; a batch writes back each referral tracker it moved once, and a redelivered batch, which moves none,
 * writes none. A victim stored, withdrawn and stored again within one batch ends as its last version.
 */
@QuarkusTest
@QuarkusTestResource(LvsTestResources.class)
class DecisionIntakeWritesTest {

    private static final int CASES = 5;

    @Inject
    DecisionIntake intake;

    @Inject
    Sql sql;

    @Test
    void aNewCaseIsInsertedOnceAndNotUpdated() {
        List<DecisionIntake.Decided> batch = newReferralsDecided();
        QuarkusTransaction.begin();
        try {
            long[] before = counts("sla_case");
            intake.applyDecisions(batch);
            long[] after = counts("sla_case");
            assertEquals(CASES, after[0] - before[0], "rows inserted into sla_case");
            assertEquals(0, after[1] - before[1], "rows updated in sla_case");
        } finally {
            QuarkusTransaction.rollback(); // nothing of this test reaches the topics or the tables
        }
    }

    @Test
    void aBatchWritesEachTrackerItMovedOnceAndARedeliveryWritesNone() {
        List<DecisionIntake.Decided> batch = newReferralsDecided();
        QuarkusTransaction.begin();
        try {
            long[] before = counts("referral_track");
            intake.applyDecisions(batch);
            long[] afterFirst = counts("referral_track");
            assertEquals(CASES, afterFirst[0] - before[0], "trackers created");
            assertEquals(CASES, afterFirst[1] - before[1], "trackers written back, one row each");
            intake.applyDecisions(batch);
            long[] afterRedelivery = counts("referral_track");
            assertEquals(0, afterRedelivery[0] - afterFirst[0], "trackers created by the redelivery");
            assertEquals(0, afterRedelivery[1] - afterFirst[1], "trackers written by the redelivery");
        } finally {
            QuarkusTransaction.rollback();
        }
    }

    @Test
    void aCaseOpenedAndAmendedInOneBatchIsInsertedOnceWithItsLastState() {
        UUID id = UUID.randomUUID();
        List<DecisionIntake.Decided> batch = List.of(
                DecisionIntake.decidedOf(Upstream.decision().id(id).build().toEnvelope()),
                DecisionIntake.decidedOf(
                        Upstream.decision().id(id).version(2).standard().build().toEnvelope()));
        QuarkusTransaction.begin();
        try {
            long[] before = counts("sla_case");
            intake.applyDecisions(batch);
            long[] after = counts("sla_case");
            assertEquals(1, after[0] - before[0], "rows inserted into sla_case");
            assertEquals(0, after[1] - before[1], "rows updated in sla_case");
            assertEquals(
                    "2 STANDARD 120",
                    sql.queryOne(
                                    "select decision_version || ' ' || priority || ' ' || target_hours from sla_case "
                                            + "where referral_id = ?",
                                    rs -> rs.getString(1),
                                    id)
                            .orElseThrow());
        } finally {
            QuarkusTransaction.rollback();
        }
    }

    @Test
    void aVictimStoredWithdrawnAndStoredAgainInOneBatchEndsAsTheLastVersion() {
        UUID kept = UUID.randomUUID();
        UUID withdrawn = UUID.randomUUID();
        List<DecisionIntake.Received> batch = List.of(
                received(kept, 1, "Ann", Consent.EXPLICIT),
                received(withdrawn, 1, "Bea", Consent.EXPLICIT),
                received(kept, 2, "Ann", Consent.REFUSED),
                received(withdrawn, 2, "Bea", Consent.REFUSED),
                received(kept, 3, "Anna", Consent.EXPLICIT));
        QuarkusTransaction.begin();
        try {
            intake.applyReceived(batch);
            assertEquals(
                    List.of("3 Anna"),
                    sql.query(
                            "select version || ' ' || first_name from case_person where referral_id = any (?)",
                            rs -> rs.getString(1),
                            (Object) new UUID[] {kept, withdrawn}));
        } finally {
            QuarkusTransaction.rollback();
        }
    }

    private static DecisionIntake.Received received(UUID id, int version, String firstName, Consent consent) {
        return DecisionIntake.receivedOf(
                Upstream.received(id, version, firstName, "Walker", "07700 900123", "PR-" + id, consent));
    }

    /** {@link #CASES} decisions of new referrals, each opening a case. */
    private static List<DecisionIntake.Decided> newReferralsDecided() {
        List<DecisionIntake.Decided> batch = new ArrayList<>();
        for (int i = 0; i < CASES; i++) {
            batch.add(DecisionIntake.decidedOf(Upstream.decision().build().toEnvelope()));
        }
        return batch;
    }

    /**
     * Rows inserted and updated in a table as this connection counts them. The counters also hold earlier
     * transactions' counts until the backend reports them (PostgreSQL 15), so the test takes a difference inside one
     * transaction, where nothing is reported.
     */
    private long[] counts(String table) {
        return sql.queryOne(
                        "select n_tup_ins, n_tup_upd from pg_stat_xact_user_tables "
                                + "where schemaname = current_schema() and relname = ?",
                        rs -> new long[] {rs.getLong(1), rs.getLong(2)},
                        table)
                .orElseThrow();
    }
}
