package org.lvs.tools.bench;

import java.io.PrintStream;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The database's side of a run, from {@code pg_stat_statements} (the stack's PostgreSQL loads it): a snapshot before
 * and after, and the statements that took the most execution time in between, by role. Nothing is reset, so other
 * readers of the view lose nothing. Empty when the view is missing or unreadable (an existing database without it).
 */
final class StatementTimes {

    /** One statement's running totals. */
    record Totals(String role, String query, long calls, double millis) {}

    private StatementTimes() {}

    static Map<String, Totals> snapshot(String url, String user, String password) {
        Map<String, Totals> totals = new HashMap<>();
        if (url == null || url.isBlank()) {
            return totals;
        }
        try (Connection c = DriverManager.getConnection(url, user, password);
                Statement s = c.createStatement();
                ResultSet r = s.executeQuery("select s.userid, s.queryid, r.rolname, s.query, s.calls,"
                        + " s.total_exec_time from pg_stat_statements s left join pg_roles r on r.oid = s.userid"
                        + " where s.queryid is not null")) {
            while (r.next()) {
                totals.put(
                        r.getLong(1) + "/" + r.getLong(2),
                        new Totals(r.getString(3), r.getString(4), r.getLong(5), r.getDouble(6)));
            }
        } catch (SQLException e) {
            totals.clear();
        }
        return totals;
    }

    /** Prints the {@code top} statements by execution time between the two snapshots. */
    static void report(PrintStream out, Map<String, Totals> before, Map<String, Totals> after, int top) {
        if (after.isEmpty()) {
            return;
        }
        List<Totals> spent = new ArrayList<>();
        double all = 0;
        for (Map.Entry<String, Totals> e : after.entrySet()) {
            Totals was = before.get(e.getKey());
            Totals now = e.getValue();
            long calls = now.calls() - (was == null ? 0 : was.calls());
            double millis = now.millis() - (was == null ? 0 : was.millis());
            if (calls > 0) {
                spent.add(new Totals(now.role(), now.query(), calls, millis));
                all += millis;
            }
        }
        spent.sort((a, b) -> Double.compare(b.millis(), a.millis()));
        out.printf("  statements by execution time (pg_stat_statements; %,.0f ms in all):%n", all);
        for (Totals t : spent.subList(0, Math.min(top, spent.size()))) {
            out.printf(
                    "    %8.0f ms %8d calls  %-9s %s%n",
                    t.millis(), t.calls(), t.role() == null ? "?" : t.role(), oneLine(t.query(), 110));
        }
    }

    private static String oneLine(String query, int max) {
        String flat = query.replaceAll("\\s+", " ").trim();
        return flat.length() <= max ? flat : flat.substring(0, max - 1) + "…";
    }
}
