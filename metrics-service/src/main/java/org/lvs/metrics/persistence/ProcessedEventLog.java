package org.lvs.metrics.persistence;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/**
 * The batch form of commons' {@code ProcessedEvents.firstTime}, on the same {@code processed_event} table: marks a
 * batch's event ids in one statement and returns those that were not there before.
 */
@ApplicationScoped
public class ProcessedEventLog {

    @Inject
    Jdbc jdbc;

    @Inject
    Clock clock;

    /**
     * Inside the applying transaction. Ids are inserted in sorted order, so two transactions marking overlapping
     * batches wait for each other rather than deadlock.
     *
     * @return the ids this call marked (new to this consumer); duplicates within the batch count once
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public Set<UUID> markNew(List<UUID> eventIds, String consumer) {
        UUID[] ids = eventIds.stream().distinct().sorted().toArray(UUID[]::new);
        return new HashSet<>(jdbc.query("""
                INSERT INTO processed_event (consumer, event_id, processed_at)
                SELECT ?, id, ? FROM unnest(?::uuid[]) AS id ORDER BY id
                ON CONFLICT DO NOTHING RETURNING event_id""",
                rs -> rs.getObject(1, UUID.class), consumer, clock.instant(), ids));
    }
}
