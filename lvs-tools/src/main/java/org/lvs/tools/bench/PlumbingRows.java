package org.lvs.tools.bench;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Row counts of the reliability plumbing (outboxes, quarantines, metrics' applied-event marks, and a processed-event
 * log where an older schema still has one) in every service's schema, so the bench shows whether they grow with the
 * load or drain.
 */
final class PlumbingRows {

    private static final List<String> TABLES =
            List.of("processed_event", "outbox_event", "outbox_quarantine", "applied_event");

    private PlumbingRows() {}

    /** "schema.table" → rows, for every plumbing table found; empty when the database cannot be reached. */
    static Map<String, Long> count(String url, String user, String password) {
        Map<String, Long> rows = new LinkedHashMap<>();
        if (url == null || url.isBlank()) {
            return rows;
        }
        try (Connection c = DriverManager.getConnection(url, user, password);
                Statement s = c.createStatement()) {
            List<String> found = new ArrayList<>();
            try (ResultSet r = s.executeQuery("select table_schema || '.' || table_name from information_schema.tables"
                    + " where table_name in ('" + String.join("','", TABLES) + "') order by 1")) {
                while (r.next()) {
                    found.add(r.getString(1));
                }
            }
            for (String table : found) {
                try (ResultSet r = s.executeQuery("select count(*) from " + table)) {
                    r.next();
                    rows.put(table, r.getLong(1));
                }
            }
        } catch (SQLException e) {
            rows.clear();
        }
        return rows;
    }
}
