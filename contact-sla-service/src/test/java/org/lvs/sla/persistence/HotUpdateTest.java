package org.lvs.sla.persistence;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.lvs.sla.support.Api.awaitCase;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.util.List;
import java.util.UUID;
import org.hibernate.Session;
import org.junit.jupiter.api.Test;
import org.lvs.infra.test.LvsTestResources;
import org.lvs.sla.rest.dto.CaseRequests;
import org.lvs.sla.service.Actor;
import org.lvs.sla.service.CaseWorkService;
import org.lvs.sla.support.CaseCopies;
import org.lvs.sla.support.Upstream;

/**
 * A handler's everyday action rewrites its case's row without touching any of the case's indexes (a HOT update in
 * PostgreSQL). That takes two things: room for the new version on the row's page, which the table keeps (migration
 * V10), and no index on a column such an action changes. The test first fills the case's page with copies of the case,
 * as a busy table would be; without the room the update then writes into each of the ten or so indexes an open case
 * has, and so does it with an index added on, say, the attempts. Both were checked to fail this test. The counts are
 * PostgreSQL's own for the current transaction, which is rolled back.
 */
@QuarkusTest
@QuarkusTestResource(LvsTestResources.class)
class HotUpdateTest {

    private static final String UPDATES_IN_THIS_TRANSACTION =
            "select pg_stat_get_xact_tuples_updated('sla.sla_case'::regclass),"
                    + " pg_stat_get_xact_tuples_hot_updated('sla.sla_case'::regclass)";

    @Inject
    CaseWorkService work;

    @Inject
    EntityManager em;

    @Test
    void aContactAttemptUpdatesItsCaseWithoutTouchingAnIndex() {
        UUID id = UUID.randomUUID();
        Upstream.decision().id(id).send();
        awaitCase(id);
        QuarkusTransaction.begin();
        try {
            // 40 copies fill the pages that still have room, the case's own among them, up to the table's fillfactor
            em.unwrap(Session.class).doWork(connection -> CaseCopies.insert(connection, id, 40));
            // one attempt: each action is a transaction of its own, and PostgreSQL prunes the version it replaced
            // once that has committed, so the page's room serves the case's next action again
            work.recordContact(
                    id,
                    new CaseRequests.ContactRequest(null, "PHONE", "NO_ANSWER", List.of(), null, null),
                    new Actor("worker-hot", false));
            em.flush();
            Object[] counts =
                    (Object[]) em.createNativeQuery(UPDATES_IN_THIS_TRANSACTION).getSingleResult();
            assertEquals(1L, ((Number) counts[0]).longValue(), "the attempt updated the case's row");
            assertEquals(1L, ((Number) counts[1]).longValue(), "without a new index entry");
        } finally {
            QuarkusTransaction.rollback();
        }
    }
}
