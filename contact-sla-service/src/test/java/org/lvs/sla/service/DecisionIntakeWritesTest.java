package org.lvs.sla.service;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.lvs.commons.jdbc.Sql;
import org.lvs.infra.test.LvsTestResources;
import org.lvs.sla.support.Upstream;

/**
 * What intake costs the database, read from PostgreSQL's own per-transaction counters: a new case is one INSERT of
 * its row, never an INSERT followed by an UPDATE of the row just written.
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
        List<DecisionIntake.Decided> batch = new ArrayList<>();
        for (int i = 0; i < CASES; i++) {
            batch.add(DecisionIntake.decidedOf(Upstream.decision().build().toEnvelope()));
        }
        QuarkusTransaction.begin();
        try {
            intake.applyDecisions(batch);
            List<long[]> counts = sql.query(
                    "select n_tup_ins, n_tup_upd from pg_stat_xact_user_tables where relname = 'sla_case'",
                    rs -> new long[] {rs.getLong(1), rs.getLong(2)});
            assertEquals(CASES, counts.get(0)[0], "rows inserted into sla_case");
            assertEquals(0, counts.get(0)[1], "rows updated in sla_case");
        } finally {
            QuarkusTransaction.rollback(); // nothing of this test reaches the topics or the tables
        }
    }
}
