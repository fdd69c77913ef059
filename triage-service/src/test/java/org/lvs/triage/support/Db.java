package org.lvs.triage.support;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import org.lvs.infra.test.LvsTestResources;

/** Reads triage's schema directly, as an auditor would (plain JDBC, its own connection). */
public final class Db {

    private Db() {}

    public static Connection connect() throws SQLException {
        return LvsTestResources.connection();
    }

    /** The first column of every row of a query with positional parameters. */
    public static List<Object> column(String sql, Object... params) {
        try (Connection c = connect();
                PreparedStatement s = c.prepareStatement(sql)) {
            for (int i = 0; i < params.length; i++) {
                s.setObject(i + 1, params[i]);
            }
            List<Object> values = new ArrayList<>();
            try (ResultSet rows = s.executeQuery()) {
                while (rows.next()) {
                    values.add(rows.getObject(1));
                }
            }
            return values;
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    public static long count(String sql, Object... params) {
        return ((Number) column(sql, params).get(0)).longValue();
    }

    /**
     * Every place in triage's schema (table.column) whose text holds one of the needles: the erasure scan. Reads every
     * row of every table, so use it on the small test database only.
     */
    public static List<String> scanSchema(String schema, List<String> needles) {
        List<String> found = new ArrayList<>();
        try (Connection c = connect()) {
            List<String> tables = new ArrayList<>();
            try (PreparedStatement s =
                    c.prepareStatement("SELECT table_name FROM information_schema.tables WHERE table_schema = ? "
                            + "AND table_type = 'BASE TABLE' ORDER BY table_name")) {
                s.setString(1, schema);
                try (ResultSet rows = s.executeQuery()) {
                    while (rows.next()) {
                        tables.add(rows.getString(1));
                    }
                }
            }
            for (String table : tables) {
                try (PreparedStatement s = c.prepareStatement("SELECT * FROM " + schema + "." + table);
                        ResultSet rows = s.executeQuery()) {
                    ResultSetMetaData meta = rows.getMetaData();
                    while (rows.next()) {
                        for (int i = 1; i <= meta.getColumnCount(); i++) {
                            String text = rows.getString(i);
                            for (String needle : needles) {
                                if (text != null && text.contains(needle)) {
                                    found.add(table + "." + meta.getColumnName(i));
                                }
                            }
                        }
                    }
                }
            }
            return found;
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
