package org.lvs.metrics.persistence;

import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * Plain JDBC on the service's datasource. Inside a {@code @Transactional} method the connection is enlisted in that
 * transaction, so fact updates and the processed-event mark commit together.
 */
@ApplicationScoped
public class Jdbc {

    @FunctionalInterface
    public interface RowMapper<T> {
        T map(ResultSet rs) throws SQLException;
    }

    @Inject
    AgroalDataSource dataSource;

    public int update(String sql, Object... params) {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            bind(c, ps, params);
            return ps.executeUpdate();
        } catch (SQLException e) {
            throw failed(e);
        }
    }

    public <T> List<T> query(String sql, RowMapper<T> mapper, Object... params) {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            bind(c, ps, params);
            try (ResultSet rs = ps.executeQuery()) {
                List<T> rows = new ArrayList<>();
                while (rs.next()) {
                    rows.add(mapper.map(rs));
                }
                return rows;
            }
        } catch (SQLException e) {
            throw failed(e);
        }
    }

    /**
     * Runs one statement for every row as a JDBC batch (one round trip; {@code reWriteBatchedInserts} turns an
     * INSERT batch into multi-row inserts). Nothing to do for no rows.
     */
    public void batch(String sql, List<Object[]> rows) {
        if (rows.isEmpty()) {
            return;
        }
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            for (Object[] row : rows) {
                bind(c, ps, row);
                ps.addBatch();
            }
            ps.executeBatch();
        } catch (SQLException e) {
            throw failed(e);
        }
    }

    /**
     * The failure with its SQLSTATE but without the driver's message, which may quote a row's values (a key in a
     * constraint violation, say); the cause keeps the details for the failure policy, which reads only its kind.
     */
    private static IllegalStateException failed(SQLException e) {
        SQLException next = e.getNextException();
        String state = next != null && next.getSQLState() != null ? next.getSQLState() : e.getSQLState();
        return new IllegalStateException("metrics SQL failed (SQLSTATE " + state + ")", e);
    }

    public long count(String sql, Object... params) {
        List<Long> rows = query(sql, rs -> rs.getLong(1), params);
        return rows.isEmpty() ? 0 : rows.get(0);
    }

    private static void bind(Connection c, PreparedStatement ps, Object... params) throws SQLException {
        for (int i = 0; i < params.length; i++) {
            Object p = params[i];
            int index = i + 1;
            if (p == null) {
                ps.setNull(index, Types.NULL);
            } else if (p instanceof Instant instant) {
                ps.setTimestamp(index, Timestamp.from(instant));
            } else if (p instanceof UUID uuid) {
                ps.setObject(index, uuid);
            } else if (p instanceof Enum<?> e) {
                ps.setString(index, e.name());
            } else if (p instanceof UUID[] ids) {
                ps.setArray(index, c.createArrayOf("uuid", ids));
            } else if (p instanceof String[] texts) {
                ps.setArray(index, c.createArrayOf("text", texts));
            } else {
                ps.setObject(index, p);
            }
        }
    }

    public static Instant instant(ResultSet rs, String column) throws SQLException {
        Timestamp ts = rs.getTimestamp(column);
        return ts == null ? null : ts.toInstant();
    }
}
