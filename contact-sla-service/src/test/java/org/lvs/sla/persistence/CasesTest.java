package org.lvs.sla.persistence;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
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
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.lvs.contract.referral.Consent;
import org.lvs.infra.test.LvsTestResources;
import org.lvs.sla.support.Api;
import org.lvs.sla.support.Upstream;

/**
 * The one statement every case action starts with: it locks the case's row, and only that row, and brings the victim
 * with it; the read for GET takes no lock. The other side is a plain connection that tries the same lock without
 * waiting, as a second handler, the detector or a consumer would.
 */
@QuarkusTest
@QuarkusTestResource(LvsTestResources.class)
class CasesTest {

    private static final String LOCK_NOWAIT = "select 1 from sla.%s where referral_id = ? for no key update nowait";
    private static final String LOCK_NOT_AVAILABLE = "55P03";

    @Inject
    Cases cases;

    @Test
    void anActionsReadLocksTheCaseRowAndBringsTheVictimUnlocked() throws Exception {
        UUID id = caseWithVictim();
        QuarkusTransaction.begin();
        try {
            Cases.WithVictim locked = cases.lockWithVictim(id).orElseThrow();
            assertEquals(id, locked.c().referralId);
            assertEquals("Lockable", locked.victim().lastName);
            SQLException refused = assertThrows(SQLException.class, () -> tryLock("sla_case", id));
            assertEquals(LOCK_NOT_AVAILABLE, refused.getSQLState());
            assertDoesNotThrow(() -> tryLock("case_person", id), "the victim's row is not locked");
        } finally {
            QuarkusTransaction.rollback();
        }
        assertDoesNotThrow(() -> tryLock("sla_case", id), "the lock ends with the transaction");
    }

    @Test
    void aReadTakesNoLock() throws Exception {
        UUID id = caseWithVictim();
        QuarkusTransaction.begin();
        try {
            Cases.WithVictim found = cases.findWithVictim(id).orElseThrow();
            assertEquals("Lockable", found.victim().lastName);
            assertDoesNotThrow(() -> tryLock("sla_case", id));
        } finally {
            QuarkusTransaction.rollback();
        }
    }

    @Test
    void aCaseWithoutAVictimComesWithNoneAndAnUnknownOneNotAtAll() {
        UUID id = UUID.randomUUID();
        Upstream.decision().id(id).send();
        awaitCase(id);
        QuarkusTransaction.begin();
        try {
            Cases.WithVictim locked = cases.lockWithVictim(id).orElseThrow();
            assertEquals(id, locked.c().referralId);
            assertNull(locked.victim());
            assertTrue(cases.lockWithVictim(UUID.randomUUID()).isEmpty());
            assertTrue(cases.findWithVictim(UUID.randomUUID()).isEmpty());
        } finally {
            QuarkusTransaction.rollback();
        }
    }

    private static UUID caseWithVictim() {
        UUID id = UUID.randomUUID();
        Upstream.send(Upstream.received(id, 1, "Lou", "Lockable", "07700 900123", "PR-" + id, Consent.EXPLICIT));
        Upstream.decision().id(id).send();
        awaitCase(id);
        await().atMost(Duration.ofSeconds(30))
                .until(() -> Api.get(id).jsonPath().get("victim") != null);
        return id;
    }

    /** Takes the row's lock on a connection of its own and lets it go at once; fails when another holds it. */
    private static void tryLock(String table, UUID id) throws SQLException {
        try (Connection c = LvsTestResources.connection();
                PreparedStatement ps = c.prepareStatement(LOCK_NOWAIT.formatted(table))) {
            c.setAutoCommit(false);
            ps.setObject(1, id);
            ps.executeQuery().close();
            c.rollback();
        }
    }
}
