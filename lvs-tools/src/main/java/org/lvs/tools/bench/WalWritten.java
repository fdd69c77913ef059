package org.lvs.tools.bench;

import java.io.PrintStream;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

/**
 * The write-ahead log the stack's PostgreSQL wrote during a run, from its WAL position before and after
 * ({@code pg_current_wal_lsn()}, which any role may read). Every committed row, index entry, row lock and full-page
 * image passes through it, so bytes a referral is the database's write work in one figure: PostgreSQL is the stack's
 * largest consumer of CPU in a pipeline run. It covers the whole server, so writes of other work in between (the
 * clock detector's flags, a metrics rebuild, autovacuum) count too.
 *
 * <p>Where {@code pg_walinspect} is installed and the bench's role may read the log (a superuser: the stack's own
 * PostgreSQL), it also names the relations whose records took the most of it, which says which table or index to look
 * at first. A record that touches several blocks (an update moving a row to another page, an index split) counts for
 * each; a relation dropped since (a rebuild's old tables) shows as its file number.
 */
final class WalWritten {

    private static final String BY_RELATION = """
            select coalesce(n.nspname || '.' || c.relname, b.relfilenode::text), count(*), sum(b.record_length)
            from pg_get_wal_block_info(?::pg_lsn, pg_current_wal_lsn()) b
            left join pg_class c on c.relfilenode = b.relfilenode
                and b.reldatabase = (select oid from pg_database where datname = current_database())
            left join pg_namespace n on n.oid = c.relnamespace
            group by 1 order by 3 desc limit ?""";

    private WalWritten() {}

    /** The current WAL position, or null when the database cannot be reached (then nothing is reported). */
    static String position(String url, String user, String password) {
        if (url == null || url.isBlank()) {
            return null;
        }
        try (Connection c = DriverManager.getConnection(url, user, password);
                PreparedStatement s = c.prepareStatement("select pg_current_wal_lsn()::text");
                ResultSet r = s.executeQuery()) {
            r.next();
            return r.getString(1);
        } catch (SQLException e) {
            return null;
        }
    }

    /** Prints the WAL written since {@code before}, in all and per referral, and its {@code top} relations. */
    static void report(
            PrintStream out, String url, String user, String password, String before, int referrals, int top) {
        if (before == null || referrals <= 0) {
            return;
        }
        try (Connection c = DriverManager.getConnection(url, user, password);
                PreparedStatement s = c.prepareStatement("select pg_wal_lsn_diff(pg_current_wal_lsn(), ?::pg_lsn)")) {
            s.setString(1, before);
            try (ResultSet r = s.executeQuery()) {
                r.next();
                double bytes = r.getDouble(1);
                out.printf(
                        "  WAL written           %,.1f MiB, %,.1f KiB a referral (the whole server, from its WAL"
                                + " position before and after)%n",
                        bytes / (1024 * 1024), bytes / 1024 / referrals);
            }
            if (top > 0) {
                byRelation(out, c, before, referrals, top);
            }
        } catch (SQLException e) {
            out.printf("  WAL written           not read (%s)%n", e.getSQLState());
        }
    }

    /** The relations whose records took the most WAL; nothing when pg_walinspect is missing or not ours to read. */
    private static void byRelation(PrintStream out, Connection c, String before, int referrals, int top) {
        try (PreparedStatement s = c.prepareStatement(BY_RELATION)) {
            s.setString(1, before);
            s.setInt(2, top);
            try (ResultSet r = s.executeQuery()) {
                out.println("    by relation (pg_walinspect: bytes of the records touching it; block references):");
                while (r.next()) {
                    out.printf(
                            "      %-44s %,8.1f MiB %,8.0f B a referral %,10d blocks%n",
                            r.getString(1),
                            r.getLong(3) / (1024.0 * 1024),
                            r.getLong(3) / (double) referrals,
                            r.getLong(2));
                }
            }
        } catch (SQLException e) {
            // pg_walinspect not installed, or the role may not read the log: the total above stands alone
        }
    }
}
