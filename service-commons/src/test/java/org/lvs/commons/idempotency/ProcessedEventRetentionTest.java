package org.lvs.commons.idempotency;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.lvs.commons.jdbc.Sql;
import org.lvs.infra.test.LvsTestResources;

/** The processed-event log stays bounded: marks older than the retention go, recent ones stay. */
@QuarkusTest
@QuarkusTestResource(LvsTestResources.class)
class ProcessedEventRetentionTest {

    @Inject
    ProcessedEventRetention retention;

    @Inject
    Sql sql;

    @Test
    void marksOlderThanTheRetentionArePrunedAndRecentOnesKept() {
        UUID old = UUID.randomUUID();
        UUID recent = UUID.randomUUID();
        sql.update(
                "insert into processed_event (consumer, event_id, processed_at) values ('retention', ?, ?)",
                old,
                Instant.now().minusSeconds(40L * 24 * 3600));
        sql.update(
                "insert into processed_event (consumer, event_id, processed_at) values ('retention', ?, ?)",
                recent,
                Instant.now().minusSeconds(3600));
        assertTrue(retention.prune() >= 1);
        assertEquals(0, sql.count("select count(*) from processed_event where event_id = ?", old));
        assertEquals(1, sql.count("select count(*) from processed_event where event_id = ?", recent));
    }
}
