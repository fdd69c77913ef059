package org.lvs.sla.persistence;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.lvs.sla.support.Api.awaitCase;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.lvs.infra.test.LvsTestResources;
import org.lvs.sla.support.Upstream;

/**
 * The locks a change of a case takes are really held in the database, a handler's action's ({@link Cases#lock}) and a
 * consumer batch's ({@link CaseRepository#lockCases}): the events' sequence numbers and the
 * clock's history rely on one change at a time, and Hibernate drops a query's lock silently where it cannot scope it
 * (a select of two entities with an outer join lost its lock that way while this was tried). The other side is a
 * plain connection that tries the same lock without waiting, as a second handler, the detector or a consumer would.
 */
@QuarkusTest
@QuarkusTestResource(LvsTestResources.class)
class CasesTest {

    private static final String LOCK_NOWAIT =
            "select 1 from sla.sla_case where referral_id = ? for no key update nowait";
    private static final String LOCK_NOT_AVAILABLE = "55P03";

    @Inject
    Cases cases;

    @Inject
    CaseRepository repository;

    @Test
    void anActionHoldsItsCasesRowUntilItsTransactionEnds() {
        UUID id = UUID.randomUUID();
        Upstream.decision().id(id).send();
        awaitCase(id);
        QuarkusTransaction.begin();
        try {
            assertEquals(id, cases.lock(id).orElseThrow().referralId);
            assertHeldElsewhere(id);
        } finally {
            QuarkusTransaction.rollback();
        }
        assertDoesNotThrow(() -> tryLock(id), "the lock ends with the transaction");
    }

    @Test
    void aConsumersBatchHoldsEveryCaseRowItLocked() {
        UUID first = UUID.randomUUID();
        UUID second = UUID.randomUUID();
        Upstream.decision().id(first).send();
        Upstream.decision().id(second).send();
        awaitCase(first);
        awaitCase(second);
        QuarkusTransaction.begin();
        try {
            assertEquals(
                    Set.of(first, second),
                    repository.lockCases(List.of(first, second)).keySet());
            assertHeldElsewhere(first);
            assertHeldElsewhere(second);
        } finally {
            QuarkusTransaction.rollback();
        }
        assertDoesNotThrow(() -> tryLock(first), "the locks end with the transaction");
    }

    @Test
    void anUnknownCaseIsNotFound() {
        QuarkusTransaction.begin();
        try {
            assertTrue(cases.lock(UUID.randomUUID()).isEmpty());
        } finally {
            QuarkusTransaction.rollback();
        }
    }

    private static void assertHeldElsewhere(UUID id) {
        SQLException refused = assertThrows(SQLException.class, () -> tryLock(id));
        assertEquals(LOCK_NOT_AVAILABLE, refused.getSQLState(), "the case's row is locked");
    }

    /** Takes the row's lock on a connection of its own and lets it go at once; fails when another holds it. */
    private static void tryLock(UUID id) throws SQLException {
        try (Connection c = LvsTestResources.connection();
                PreparedStatement ps = c.prepareStatement(LOCK_NOWAIT)) {
            c.setAutoCommit(false);
            ps.setObject(1, id);
            ps.executeQuery().close();
            c.rollback();
        }
    }
}
