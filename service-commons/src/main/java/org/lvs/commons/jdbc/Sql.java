package org.lvs.commons.jdbc;

import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import javax.sql.DataSource;

/**
 * The one small JDBC helper for set-based SQL on hot paths (ADR 0004), where an ORM's dirty checking costs more than
 * it gives. Inside a {@code @Transactional} method the connection is enlisted in that transaction. Parameters bind by
 * type: {@code Instant} as a timestamp, {@code UUID}, enums by name, {@code LocalDate}, arrays and collections of
 * {@code UUID}/{@code String}/{@code Long}/{@code Integer}/{@code Boolean}/{@code Instant} as SQL arrays (for {@code = any (?)} and {@code unnest}).
 *
 * <p>A failure keeps the driver's exception as its cause (the failure policy reads its SQLSTATE) but its own message
 * names only the SQLSTATE: the driver's message may quote a value, which may be personal data.
 */
@ApplicationScoped
public class Sql {

    /** Maps the current row of a result set. */
    @FunctionalInterface
    public interface RowMapper<T> {
        T map(ResultSet row) throws SQLException;
    }

    private final DataSource dataSource;

    Sql(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    public int update(String sql, Object... params) {
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement(sql)) {
            bind(c, ps, params);
            return ps.executeUpdate();
        } catch (SQLException e) {
            throw failure(e);
        }
    }

    public <T> List<T> query(String sql, RowMapper<T> mapper, Object... params) {
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement(sql)) {
            bind(c, ps, params);
            try (ResultSet rs = ps.executeQuery()) {
                List<T> rows = new ArrayList<>();
                while (rs.next()) {
                    rows.add(mapper.map(rs));
                }
                return rows;
            }
        } catch (SQLException e) {
            throw failure(e);
        }
    }

    public <T> Optional<T> queryOne(String sql, RowMapper<T> mapper, Object... params) {
        List<T> rows = query(sql, mapper, params);
        return rows.isEmpty() ? Optional.empty() : Optional.of(rows.get(0));
    }

    public long count(String sql, Object... params) {
        return queryOne(sql, rs -> rs.getLong(1), params).orElse(0L);
    }

    /**
     * One statement for every row as a JDBC batch: one round trip, and with {@code reWriteBatchedInserts} an INSERT
     * batch becomes multi-row inserts. Nothing to do for no rows.
     */
    public void batch(String sql, List<Object[]> rows) {
        if (rows.isEmpty()) {
            return;
        }
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement(sql)) {
            for (Object[] row : rows) {
                bind(c, ps, row);
                ps.addBatch();
            }
            ps.executeBatch();
        } catch (SQLException e) {
            throw failure(e);
        }
    }

    public static Instant instant(ResultSet rs, String column) throws SQLException {
        Timestamp ts = rs.getTimestamp(column);
        return ts == null ? null : ts.toInstant();
    }

    public static UUID uuid(ResultSet rs, String column) throws SQLException {
        return rs.getObject(column, UUID.class);
    }

    static void bind(Connection c, PreparedStatement ps, Object... params) throws SQLException {
        for (int i = 0; i < params.length; i++) {
            Object p = params[i];
            int index = i + 1;
            if (p == null) {
                ps.setNull(index, Types.NULL);
            } else if (p instanceof Instant instant) {
                ps.setTimestamp(index, Timestamp.from(instant));
            } else if (p instanceof LocalDate date) {
                ps.setObject(index, date);
            } else if (p instanceof Enum<?> e) {
                ps.setString(index, e.name());
            } else if (p instanceof Object[] elements
                    && ARRAY_TYPES.containsKey(elements.getClass().getComponentType())) {
                ps.setArray(index, array(c, elements.getClass().getComponentType(), elements));
            } else if (p instanceof Collection<?> values) {
                Object first =
                        values.stream().filter(v -> v != null).findFirst().orElse(null);
                ps.setArray(index, array(c, first == null ? String.class : first.getClass(), values.toArray()));
            } else {
                ps.setObject(index, p);
            }
        }
    }

    /** The SQL element type of each Java element type bound as an array; any other element binds as text. */
    private static final Map<Class<?>, String> ARRAY_TYPES = Map.of(
            UUID.class, "uuid",
            String.class, "text",
            Long.class, "bigint",
            Integer.class, "integer",
            Boolean.class, "boolean",
            Instant.class, "timestamptz");

    private static Array array(Connection c, Class<?> elementType, Object[] elements) throws SQLException {
        Object[] values = elements;
        if (elementType == Instant.class || Enum.class.isAssignableFrom(elementType)) {
            // instants as ISO-8601 text, which PostgreSQL reads exactly (microseconds); enums by name
            values = new String[elements.length];
            for (int i = 0; i < elements.length; i++) {
                Object e = elements[i];
                values[i] = e == null ? null : e instanceof Enum<?> en ? en.name() : e.toString();
            }
        }
        return c.createArrayOf(ARRAY_TYPES.getOrDefault(elementType, "text"), values);
    }

    /** The SQLSTATE only (the next exception's for a batch), never the driver's message. */
    static SqlFailure failure(SQLException e) {
        SQLException detail = e.getNextException() != null ? e.getNextException() : e;
        return new SqlFailure("SQL failed (SQLSTATE " + detail.getSQLState() + ")", e);
    }

    /** A failed statement; its cause carries the SQLSTATE the failure policy classifies. */
    public static final class SqlFailure extends RuntimeException {
        SqlFailure(String message, SQLException cause) {
            super(message, cause);
        }
    }
}
