package org.lvs.triage.persistence;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Collection;
import java.util.HashSet;
import java.util.Set;
import java.util.UUID;
import javax.sql.DataSource;

/**
 * The commons processed-event log ({@code processed_event}, the table {@code ProcessedEvents.firstTime} writes), for
 * a whole batch in one statement: commons records one event per round trip.
 */
@ApplicationScoped
public class ProcessedEventLog {

    private static final String CLAIM = """
            INSERT INTO processed_event (consumer, event_id, processed_at)
            SELECT ?, e, ? FROM (SELECT DISTINCT e FROM unnest(?) AS e) AS events
            ON CONFLICT DO NOTHING
            RETURNING event_id
            """;

    private final DataSource dataSource;

    ProcessedEventLog(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /**
     * Records these events as processed by {@code consumer} inside the caller's transaction and returns those seen
     * for the first time (the others were processed before: skip them).
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public Set<UUID> firstTime(Collection<UUID> eventIds, String consumer, Instant at) {
        Set<UUID> first = new HashSet<>();
        if (eventIds.isEmpty()) {
            return first;
        }
        try (Connection connection = dataSource.getConnection();
                PreparedStatement claim = connection.prepareStatement(CLAIM)) {
            claim.setString(1, consumer);
            claim.setObject(2, at.atOffset(ZoneOffset.UTC));
            claim.setArray(3, connection.createArrayOf("uuid", eventIds.toArray()));
            try (ResultSet rows = claim.executeQuery()) {
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
