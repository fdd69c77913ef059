package org.lvs.commons.idempotency;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
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
}
