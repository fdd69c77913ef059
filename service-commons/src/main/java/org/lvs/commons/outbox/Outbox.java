package org.lvs.commons.outbox;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.util.List;
import javax.sql.DataSource;
import org.lvs.commons.messaging.OutgoingEvent;
import org.lvs.contract.event.EventEnvelope;

/**
 * The transactional outbox: a state change and the events it must publish are written in one database transaction;
 * {@link OutboxRelay} publishes them afterwards. Enqueuing an event id that is already there does nothing, so a
 * retried change cannot publish twice.
 */
@ApplicationScoped
public class Outbox {

    private static final String INSERT = "insert into outbox_event (event_id, topic, record_key, payload, created_at) "
            + "values (?, ?, ?, ?, ?) on conflict (event_id) do nothing";

    @Inject
    DataSource dataSource;

    @Inject
    Clock clock;

    @Inject
    OutboxSignal signal;

    /** Must run inside the caller's transaction: the event commits or rolls back with the state change. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void enqueue(String topic, String key, EventEnvelope envelope) {
        enqueue(new OutgoingEvent(topic, key, envelope));
    }

    /** As {@link #enqueue(String, String, EventEnvelope)}, for an event already written as text. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void enqueue(OutgoingEvent event) {
        enqueueAll(List.of(event));
    }

    /**
     * Enqueues events in their order with one JDBC batch, inside the caller's transaction: for consumers that apply a
     * whole poll in one transaction. The relay publishes them in this order.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public void enqueueAll(List<OutgoingEvent> events) {
        if (events.isEmpty()) {
            return;
        }
        try (Connection connection = dataSource.getConnection();
                PreparedStatement insert = connection.prepareStatement(INSERT)) {
            Timestamp now = Timestamp.from(clock.instant());
            for (OutgoingEvent event : events) {
                insert.setObject(1, event.event().eventId());
                insert.setString(2, event.topic());
                insert.setString(3, event.key());
                insert.setString(4, event.event().json());
                insert.setTimestamp(5, now);
                insert.addBatch();
            }
            insert.executeBatch();
        } catch (SQLException e) {
            throw new IllegalStateException("cannot write to the outbox", e);
        }
        signal.afterCommit();
    }
}
