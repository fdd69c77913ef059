package org.lvs.infra.pg;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;

/** Finding or starting a PostgreSQL, and making databases in it. */
public final class Postgres {

    private Postgres() {}

    /** True when something accepts TCP connections on host:port within the timeout. */
    public static boolean answers(String host, int port, Duration timeout) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(host, port), (int) timeout.toMillis());
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    /**
     * An embedded PostgreSQL (zonky) on {@code port}, its data kept in {@code dataDir} across restarts, with zonky's
     * test settings: fsync and synchronous_commit off. Fast, and fine for tests whose database is thrown away.
     */
    public static EmbeddedPostgres startEmbedded(Path dataDir, int port) throws IOException {
        return builder(dataDir, port).start();
    }

    /**
     * An embedded PostgreSQL whose committed transactions survive a crash or a power cut: fsync, synchronous_commit
     * and full_page_writes on. zonky starts the server with {@code -F} (fsync off) and {@code synchronous_commit=off};
     * the {@code -c} settings given here come after {@code -F} on the command line, so they win. For {@code ./lvs}.
     * It also loads {@code pg_stat_statements} (zonky's binaries carry it), so the stack's statements can be profiled
     * by time and calls ({@link #enableProfiling}). A statement that runs 2 s or more is logged with its plan
     * ({@code auto_explain}, plan only: no per-row timing cost), and a lock wait of a second or more is logged with who
     * holds the lock, so a slow statement in the stack names its cause in the server's log. That log is the server's
     * own ({@code logging_collector}): {@code log/postgresql-<weekday>.log} in the data directory, a week kept (each
     * weekday's file is overwritten the week after); zonky passes on the server's output only while it starts.
     */
    public static EmbeddedPostgres startDurable(Path dataDir, int port) throws IOException {
        return builder(dataDir, port)
                .setServerConfig("fsync", "on")
                .setServerConfig("synchronous_commit", "on")
                .setServerConfig("full_page_writes", "on")
                .setServerConfig("shared_preload_libraries", "pg_stat_statements,auto_explain")
                .setServerConfig("auto_explain.log_min_duration", "2s")
                .setServerConfig("log_lock_waits", "on")
                .setServerConfig("logging_collector", "on")
                .setServerConfig("log_directory", "log")
                .setServerConfig("log_filename", "postgresql-%a.log")
                .setServerConfig("log_truncate_on_rotation", "on")
                .setServerConfig("log_rotation_age", "1d")
                .start();
    }

    /**
     * Creates the {@code pg_stat_statements} view in {@code database} (a superuser's job) and lets {@code reader} read
     * every role's statements, so the owner of the stack's database can profile all four services. Also creates
     * {@code pg_walinspect}, whose functions stay a superuser's (the log holds every row's bytes): {@code ./lvs bench},
     * which connects to the stack's own PostgreSQL as its superuser, names the relations that wrote the most WAL.
     */
    public static void enableProfiling(String adminUrl, String adminUser, String adminPassword, String reader)
            throws SQLException {
        try (Connection c = DriverManager.getConnection(adminUrl, adminUser, adminPassword);
                Statement s = c.createStatement()) {
            s.execute("create extension if not exists pg_stat_statements");
            try {
                s.execute("create extension if not exists pg_walinspect");
            } catch (SQLException e) {
                // binaries without it: the bench then prints the WAL's total alone, and the stack runs as before
            }
            s.execute("grant pg_read_all_stats to \"" + reader + "\"");
        }
    }

    private static EmbeddedPostgres.Builder builder(Path dataDir, int port) {
        return EmbeddedPostgres.builder()
                .setDataDirectory(dataDir)
                .setCleanDataDirectory(false)
                .setPort(port)
                .setPGStartupWait(Duration.ofSeconds(60));
    }

    /** Creates {@code role} (with password) and {@code database} owned by it unless they exist. */
    public static void ensureRoleAndDatabase(
            String adminUrl, String adminUser, String adminPassword, String role, String password, String database)
            throws SQLException {
        try (Connection c = DriverManager.getConnection(adminUrl, adminUser, adminPassword);
                Statement s = c.createStatement()) {
            var roles = s.executeQuery("select 1 from pg_roles where rolname = '" + role + "'");
            if (!roles.next()) {
                s.execute("create role \"" + role + "\" login password '" + password.replace("'", "''") + "'");
            }
            var dbs = s.executeQuery("select 1 from pg_database where datname = '" + database + "'");
            if (!dbs.next()) {
                s.execute("create database \"" + database + "\" owner \"" + role + "\"");
            }
        }
    }

    public static void dropDatabase(String adminUrl, String adminUser, String adminPassword, String database) {
        try (Connection c = DriverManager.getConnection(adminUrl, adminUser, adminPassword);
                Statement s = c.createStatement()) {
            s.execute("drop database if exists \"" + database + "\" with (force)");
        } catch (SQLException e) {
            // Best effort at the end of a test run: a leftover test database is harmless.
        }
    }
}
