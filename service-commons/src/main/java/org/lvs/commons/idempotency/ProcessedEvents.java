package org.lvs.commons.idempotency;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.util.Collection;
import java.util.HashSet;
import java.util.Set;
import java.util.UUID;
import javax.sql.DataSource;

/**
 * The processed-event log of an idempotent consumer: recorded in the same transaction as the state change, so an
 * event delivered twice changes the state once.
 */
@ApplicationScoped
public class ProcessedEvents {

    private static final String INSERT = "insert into processed_event (consumer, event_id, processed_at) "
            + "values (?, ?, ?) on conflict do nothing";
    private static final String INSERT_ALL = "insert into processed_event (consumer, event_id, processed_at) "
            + "select ?, e, ? from (select distinct e from unnest(?) as e) as events order by e "
            + "on conflict do nothing returning event_id";

    @Inject
    DataSource dataSource;

    @Inject
    Clock clock;

    /** True the first time this consumer sees the event; false when it was processed before (skip it then). */
    @Transactional(Transactional.TxType.MANDATORY)
    public boolean firstTime(UUID eventId, String consumer) {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement insert = connection.prepareStatement(INSERT)) {
            insert.setString(1, consumer);
            insert.setObject(2, eventId);
            insert.setTimestamp(3, Timestamp.from(clock.instant()));
            return insert.executeUpdate() == 1;
        } catch (SQLException e) {
            throw new IllegalStateException("cannot record a processed event", e);
        }
    }

    /**
     * The batch form of {@link #firstTime(UUID, String)}: records every event in one statement and returns those this
     * consumer sees for the first time (an id given twice counts once); skip the others. Ids are inserted in sorted
     * order, so concurrent transactions marking overlapping batches wait for each other instead of deadlocking.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public Set<UUID> firstTimeAll(Collection<UUID> eventIds, String consumer) {
        Set<UUID> first = new HashSet<>();
        if (eventIds.isEmpty()) {
            return first;
        }
        try (Connection connection = dataSource.getConnection();
                PreparedStatement insert = connection.prepareStatement(INSERT_ALL)) {
            insert.setString(1, consumer);
            insert.setTimestamp(2, Timestamp.from(clock.instant()));
            insert.setArray(3, connection.createArrayOf("uuid", eventIds.toArray()));
            try (ResultSet rows = insert.executeQuery()) {
                while (rows.next()) {
                    first.add(rows.getObject(1, UUID.class));
                }
            }
            return first;
        } catch (SQLException e) {
            throw new IllegalStateException("cannot record processed events", e);
        }
    }
}
