package org.lvs.ingest.persistence;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.TreeMap;
import java.util.TreeSet;
import org.lvs.contract.FieldError;
import org.lvs.contract.event.EventJson;

/**
 * The rejections feed (table {@code rejection}). Positions come from an identity column, taken while the inserting
 * transaction holds the source's transaction-scoped advisory lock: the next transaction of that source can take a
 * position only after this one committed (or rolled back), so per source positions become visible in increasing
 * order and a reader polling with {@code position > after} never skips one that commits later.
 */
@ApplicationScoped
public class RejectionStore {

    /** First key of the two-key advisory locks of this table (the second is the source's hash). */
    private static final int LOCK_SPACE = 0x494e4a52; // "INJR"

    private static final TypeReference<List<FieldError>> ERRORS = new TypeReference<>() {};

    private final AgroalDataSource dataSource;

    RejectionStore(AgroalDataSource dataSource) {
        this.dataSource = dataSource;
    }

    /**
     * Takes the advisory lock of each source (in name order, so two transactions cannot deadlock on them) for the
     * rest of the caller's transaction. Call it before any other write of the transaction.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public void lockSources(Collection<String> sources) {
        if (sources.isEmpty()) {
            return;
        }
        try (Connection c = dataSource.getConnection();
                PreparedStatement lock = c.prepareStatement("SELECT pg_advisory_xact_lock(?, hashtext(?))")) {
            for (String source : new TreeSet<>(sources)) {
                lock.setInt(1, LOCK_SPACE);
                lock.setString(2, source);
                lock.execute();
            }
        } catch (SQLException e) {
            throw StoreUnavailableException.of(e);
        }
    }

    /** Stores rejections; the caller holds their sources' locks ({@link #lockSources}). */
    @Transactional(Transactional.TxType.MANDATORY)
    public void insert(List<RejectionRow> rows) {
        if (rows.isEmpty()) {
            return;
        }
        // Grouped by source, in request order within it.
        TreeMap<String, List<RejectionRow>> bySource = new TreeMap<>();
        rows.forEach(r ->
                bySource.computeIfAbsent(r.source(), s -> new ArrayList<>()).add(r));
        try (Connection c = dataSource.getConnection();
                PreparedStatement insert = c.prepareStatement("""
                INSERT INTO rejection (source, batch_id, record_index, source_reference, feed_sequence, errors,
                                       received_at)
                VALUES (?, ?, ?, ?, ?, ?::jsonb, ?)""")) {
            for (List<RejectionRow> list : bySource.values()) {
                for (RejectionRow r : list) {
                    insert.setString(1, r.source());
                    insert.setString(2, r.batchId());
                    insert.setInt(3, r.index());
                    insert.setString(4, r.sourceReference());
                    insert.setObject(5, r.feedSequence());
                    insert.setString(6, EventJson.write(r.errors()));
                    insert.setTimestamp(7, Timestamp.from(r.receivedAt()));
                    insert.addBatch();
                }
            }
            insert.executeBatch();
        } catch (SQLException e) {
            throw StoreUnavailableException.of(e);
        }
    }

    /** A source's rejections after {@code after}, lowest position first. */
    @Transactional(Transactional.TxType.SUPPORTS)
    public List<RejectionRow> after(String source, long after, int limit) {
        try (Connection c = dataSource.getConnection();
                PreparedStatement select = c.prepareStatement("""
                SELECT position, batch_id, record_index, source_reference, feed_sequence, errors::text, received_at
                FROM rejection WHERE source = ? AND position > ? ORDER BY position LIMIT ?""")) {
            select.setString(1, source);
            select.setLong(2, after);
            select.setInt(3, limit);
            List<RejectionRow> rows = new ArrayList<>();
            try (ResultSet rs = select.executeQuery()) {
                while (rs.next()) {
                    rows.add(new RejectionRow(
                            rs.getLong(1),
                            source,
                            rs.getString(2),
                            rs.getInt(3),
                            rs.getString(4),
                            rs.getObject(5, Long.class),
                            EventJson.mapper().readValue(rs.getString(6), ERRORS),
                            rs.getTimestamp(7).toInstant()));
                }
            }
            return rows;
        } catch (SQLException e) {
            throw StoreUnavailableException.of(e);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a stored rejection's errors are not JSON", e);
        }
    }
}
