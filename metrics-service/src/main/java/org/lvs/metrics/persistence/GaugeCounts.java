package org.lvs.metrics.persistence;

import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.lvs.commons.jdbc.Sql;

/**
 * The live set's running counts (migration V6, {@code gauge_count}): referrals by source and latest outcome, cases by
 * clock state, the waiting list per strand and the events applied. Triggers append each statement's changes in the
 * transaction that writes the facts, so the sums are exactly what GROUP BYs over the fact tables would give, read
 * from a table of a few hundred rows instead of every fact.
 */
@ApplicationScoped
public class GaugeCounts {

    /** Fold the changes into one row per key once there are this many rows. */
    static final int FOLD_ABOVE = 500;

    /** The counts, keys with a count of 0 left out (as a GROUP BY leaves them out). */
    public record Counts(
            List<String[]> referrals, Map<String, Long> clockStates, Map<String, Long> waiting, long eventsApplied) {}

    private final Sql jdbc;

    GaugeCounts(Sql jdbc) {
        this.jdbc = jdbc;
    }

    public Counts read() {
        List<String[]> rows = jdbc.query(
                "SELECT gauge, k1, k2, sum(n) FROM gauge_count GROUP BY 1, 2, 3 "
                        + "HAVING sum(n) <> 0 ORDER BY 1, 2, 3",
                rs -> new String[] {rs.getString(1), rs.getString(2), rs.getString(3), Long.toString(rs.getLong(4))});
        List<String[]> referrals = new ArrayList<>();
        Map<String, Long> clockStates = new LinkedHashMap<>();
        Map<String, Long> waiting = new LinkedHashMap<>();
        long eventsApplied = 0;
        for (String[] row : rows) {
            long n = Long.parseLong(row[3]);
            switch (row[0]) {
                case "referrals" -> referrals.add(new String[] {row[1], row[2], row[3]});
                case "clock_state" -> clockStates.put(row[1], n);
                case "waiting" -> waiting.put(row[1], n);
                case "events_applied" -> eventsApplied = n;
                default -> {
                    // a count a newer version keeps: not a gauge of this one
                }
            }
        }
        return new Counts(referrals, clockStates, waiting, eventsApplied);
    }

    /**
     * Folds the appended changes into one row per key, in one statement: rows written by transactions that commit
     * meanwhile are not deleted, so they are neither lost nor counted twice (also with two instances folding).
     */
    public void fold() {
        jdbc.update("""
                WITH gone AS (DELETE FROM gauge_count WHERE (SELECT count(*) FROM gauge_count) > ? RETURNING *)
                INSERT INTO gauge_count (gauge, k1, k2, n)
                SELECT gauge, k1, k2, sum(n) FROM gone GROUP BY 1, 2, 3 HAVING sum(n) <> 0""", FOLD_ABOVE);
    }
}
