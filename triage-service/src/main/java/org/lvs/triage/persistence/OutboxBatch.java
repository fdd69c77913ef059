package org.lvs.triage.persistence;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.List;
import javax.sql.DataSource;
import org.lvs.commons.messaging.OutgoingEvent;
import org.lvs.commons.outbox.Outbox;

/**
 * Enqueues a batch's events in the commons outbox in one JDBC batch instead of one round trip per event (commons
 * {@link Outbox} has no batch call yet): the same statement on the same {@code outbox_event} table, in the caller's
 * transaction, so the guarantees are commons' own (committed with the state change, an event id enqueued twice is a
 * no-op). The last event goes through {@link Outbox#enqueue}, which inserts it after the others (the relay publishes
 * in id order) and wakes the relay when the transaction commits.
 */
@ApplicationScoped
public class OutboxBatch {

    /** Commons' {@code Outbox} statement, word for word. */
    private static final String INSERT = "insert into outbox_event (event_id, topic, record_key, payload, created_at) "
            + "values (?, ?, ?, ?, ?) on conflict (event_id) do nothing";

    private final DataSource dataSource;
    private final Outbox outbox;
    private final Clock clock;

    OutboxBatch(DataSource dataSource, Outbox outbox, Clock clock) {
        this.dataSource = dataSource;
        this.outbox = outbox;
        this.clock = clock;
    }

    /** Enqueues the events in their order, inside the caller's transaction. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void enqueueAll(List<OutgoingEvent> events) {
        if (events.isEmpty()) {
            return;
        }
        List<OutgoingEvent> allButLast = events.subList(0, events.size() - 1);
        if (!allButLast.isEmpty()) {
            try (Connection connection = dataSource.getConnection();
                    PreparedStatement insert = connection.prepareStatement(INSERT)) {
                var now = clock.instant().atOffset(ZoneOffset.UTC);
                for (OutgoingEvent event : allButLast) {
                    insert.setObject(1, event.envelope().eventId());
                    insert.setString(2, event.topic());
                    insert.setString(3, event.key());
                    insert.setString(4, event.envelope().toJson());
                    insert.setObject(5, now);
                    insert.addBatch();
                }
                insert.executeBatch();
            } catch (SQLException e) {
                throw new IllegalStateException("cannot write to the outbox", e);
            }
        }
        OutgoingEvent last = events.get(events.size() - 1);
        outbox.enqueue(last.topic(), last.key(), last.envelope());
    }
}
