package org.lvs.metrics.persistence;

import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.lvs.commons.jdbc.Sql;

/**
 * The rebuild's state in the database: its runs ({@code rebuild_run}, kept across restarts), the locks that order a
 * swap against the consumers, and the shadow tables' DDL. Callers run inside a transaction unless a method says
 * otherwise.
 *
 * <p>Two advisory locks:
 * <ul>
 * <li>the <b>fact-tables lock</b>, per transaction: every applying transaction holds it shared, and reads whether a
 * rebuild runs (then it writes the shadow tables too); starting, swapping and abandoning a rebuild hold it
 * exclusively, so no applying transaction straddles a change of the table sets;</li>
 * <li>the <b>rebuild session lock</b>, held by the running rebuild on a connection of its own for as long as it
 * lives: a RUNNING run whose lock nobody holds belongs to a process that died, and is marked FAILED.</li>
 * </ul>
 */
@ApplicationScoped
public class RebuildRuns {

    /** The advisory key every applying transaction takes shared, and table-set changes exclusively. */
    static final String FACT_TABLES_KEY = "hashtextextended('lvs.metrics.fact-tables', 0)";
    /** The advisory key a running rebuild holds on its session. */
    static final String REBUILD_SESSION_KEY = "hashtextextended('lvs.metrics.rebuild', 0)";
    /** The {@code application_name} of the rebuild's session, so operators see it in {@code pg_stat_activity}. */
    public static final String SESSION_NAME = "lvs-metrics-rebuild";

    public enum State {
        RUNNING,
        DONE,
        FAILED
    }

    /** One rebuild as stored. */
    public record Run(
            UUID rebuildId,
            State state,
            Instant requestedAt,
            Instant finishedAt,
            Instant progressAt,
            long recordsRead,
            long eventsApplied,
            long recordsSkipped,
            String error) {}

    private final Sql jdbc;

    RebuildRuns(Sql jdbc) {
        this.jdbc = jdbc;
    }

    /** Takes the fact-tables lock shared and returns the running rebuild (whose shadow tables to write), or null. */
    public UUID lockSharedAndFindRunning() {
        jdbc.query("SELECT pg_advisory_xact_lock_shared(" + FACT_TABLES_KEY + ")", rs -> 1);
        return running();
    }

    /** Takes the fact-tables lock exclusively: waits for every applying transaction, holds back new ones. */
    public void lockExclusive() {
        jdbc.query("SELECT pg_advisory_xact_lock(" + FACT_TABLES_KEY + ")", rs -> 1);
    }

    public UUID running() {
        List<UUID> ids = jdbc.query(
                "SELECT rebuild_id FROM rebuild_run WHERE state = 'RUNNING'", rs -> rs.getObject(1, UUID.class));
        return ids.isEmpty() ? null : ids.get(0);
    }

    public Run latest() {
        List<Run> runs = jdbc.query("""
                SELECT rebuild_id, state, requested_at, finished_at, progress_at, records_read, events_applied,
                       records_skipped, error
                FROM rebuild_run ORDER BY run_number DESC LIMIT 1""", RebuildRuns::run);
        return runs.isEmpty() ? null : runs.get(0);
    }

    /** Records a new RUNNING run; the unique index refuses a second one (SQLSTATE 23505). */
    public void insertRunning(UUID rebuildId, Instant now) {
        jdbc.update(
                "INSERT INTO rebuild_run (rebuild_id, state, requested_at, progress_at) "
                        + "VALUES (?, 'RUNNING', ?, ?)",
                rebuildId,
                now,
                now);
    }

    public void recordEndOffsets(UUID rebuildId, String endOffsets) {
        jdbc.update("UPDATE rebuild_run SET end_offsets = ? WHERE rebuild_id = ?", endOffsets, rebuildId);
    }

    /** Moves a RUNNING run's counters; false when it no longer runs (failed or abandoned meanwhile). */
    public boolean progress(UUID rebuildId, long read, long applied, long skipped, Instant now) {
        return jdbc.update("""
                UPDATE rebuild_run SET records_read = ?, events_applied = ?, records_skipped = ?, progress_at = ?
                WHERE rebuild_id = ? AND state = 'RUNNING'""", read, applied, skipped, now, rebuildId) == 1;
    }

    /** Marks a RUNNING run DONE; false when it no longer runs (then nothing may be swapped). */
    public boolean finish(UUID rebuildId, long read, long applied, long skipped, Instant now) {
        return jdbc.update("""
                UPDATE rebuild_run SET state = 'DONE', records_read = ?, events_applied = ?, records_skipped = ?,
                    progress_at = ?, finished_at = ?
                WHERE rebuild_id = ? AND state = 'RUNNING'""", read, applied, skipped, now, now, rebuildId) == 1;
    }

    /** Marks a RUNNING run FAILED with a reason (our own text: kinds, never a record's content). */
    public boolean fail(UUID rebuildId, String error, Instant now) {
        return jdbc.update("""
                UPDATE rebuild_run SET state = 'FAILED', error = ?, finished_at = ?
                WHERE rebuild_id = ? AND state = 'RUNNING'""", error, now, rebuildId) == 1;
    }

    /**
     * Empty shadow tables shaped like the live ones (indexes, constraints and defaults included), with the triggers
     * that keep their running counts (migration V6; LIKE copies no triggers).
     */
    public void createShadowTables() {
        dropShadowTables();
        for (String table : FactTables.TABLES) {
            jdbc.update("CREATE TABLE " + FactTables.SHADOW.table(table) + " (LIKE " + table + " INCLUDING ALL)");
        }
        jdbc.query("SELECT gauge_count_triggers(?)", rs -> 1, FactTables.SHADOW.suffix());
    }

    public void dropShadowTables() {
        for (String table : FactTables.TABLES) {
            jdbc.update("DROP TABLE IF EXISTS " + FactTables.SHADOW.table(table) + ", " + table + "_old");
        }
    }

    /** Fresh statistics for the planner before the shadow tables serve figures. */
    public void analyzeShadowTables() {
        for (String table : FactTables.TABLES) {
            jdbc.update("ANALYZE " + FactTables.SHADOW.table(table));
        }
    }

    /** Renames the shadow tables in place of the live ones and drops the old ones: quick, whatever their size. */
    public void swapShadowIn() {
        for (String table : FactTables.TABLES) {
            jdbc.update("ALTER TABLE " + table + " RENAME TO " + table + "_old");
            jdbc.update("ALTER TABLE " + FactTables.SHADOW.table(table) + " RENAME TO " + table);
            jdbc.update("DROP TABLE " + table + "_old");
        }
    }

    /**
     * True when no session holds the rebuild lock, i.e. no process is running a rebuild. Tries and releases the lock
     * in one statement, so the pooled connection never keeps it.
     */
    public boolean noRebuildSession() {
        return jdbc.query(
                        "SELECT CASE WHEN pg_try_advisory_lock(" + REBUILD_SESSION_KEY + ") THEN pg_advisory_unlock("
                                + REBUILD_SESSION_KEY + ") ELSE false END",
                        rs -> rs.getBoolean(1))
                .get(0);
    }

    /**
     * Takes the rebuild lock on a connection the caller keeps open, outside any transaction, for the rebuild's
     * whole life; closing the connection (or the process dying) releases it.
     *
     * @return false when another session holds it (a rebuild runs elsewhere)
     */
    public static boolean holdRebuildSession(Connection connection) throws SQLException {
        try (PreparedStatement name = connection.prepareStatement("SELECT set_config('application_name', ?, false)")) {
            name.setString(1, SESSION_NAME);
            name.execute();
        }
        try (PreparedStatement lock =
                        connection.prepareStatement("SELECT pg_try_advisory_lock(" + REBUILD_SESSION_KEY + ")");
                ResultSet rs = lock.executeQuery()) {
            rs.next();
            return rs.getBoolean(1);
        }
    }

    /**
     * Releases the rebuild lock and the session's name before the connection goes back to the pool, which keeps the
     * physical connection (and with it any session lock) open.
     */
    public static void releaseRebuildSession(Connection connection) throws SQLException {
        try (PreparedStatement release = connection.prepareStatement(
                "SELECT pg_advisory_unlock(" + REBUILD_SESSION_KEY + "), set_config('application_name', '', false)")) {
            release.execute();
        }
    }

    private static Run run(ResultSet rs) throws SQLException {
        return new Run(
                rs.getObject(1, UUID.class),
                State.valueOf(rs.getString(2)),
                Sql.instant(rs, "requested_at"),
                Sql.instant(rs, "finished_at"),
                Sql.instant(rs, "progress_at"),
                rs.getLong(6),
                rs.getLong(7),
                rs.getLong(8),
                rs.getString(9));
    }
}
