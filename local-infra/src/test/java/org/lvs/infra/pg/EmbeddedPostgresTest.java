package org.lvs.infra.pg;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lvs.infra.pg.ServiceRoles.ServiceRole;

/**
 * The embedded PostgreSQL of {@code ./lvs}: durable (issue 10, item 7) and one role per service owning only its schema
 * (issue 11, item 7). The tests' variant keeps zonky's fast settings.
 */
class EmbeddedPostgresTest {

    @TempDir
    static Path dir;

    static EmbeddedPostgres durable;

    @BeforeAll
    static void start() throws IOException, SQLException {
        durable = Postgres.startDurable(dir.resolve("durable"), freePort());
        Postgres.ensureRoleAndDatabase(
                durable.getJdbcUrl("postgres", "postgres"), "postgres", "postgres", "lvs", "lvs", "lvs");
    }

    @AfterAll
    static void stop() throws IOException {
        durable.close();
    }

    @Test
    void theStackDatabaseSyncsEveryCommitToDisk() throws SQLException {
        try (Connection c = DriverManager.getConnection(durable.getJdbcUrl("postgres", "lvs"))) {
            assertEquals("on", show(c, "fsync"));
            assertEquals("on", show(c, "synchronous_commit"));
            assertEquals("on", show(c, "full_page_writes"));
        }
    }

    @Test
    void theStackDatabaseKeepsStatementStatisticsTheOwnerCanRead() throws SQLException {
        Postgres.enableProfiling(durable.getJdbcUrl("postgres", "lvs"), "postgres", "postgres", "lvs");
        try (Connection c = DriverManager.getConnection(durable.getJdbcUrl("lvs", "lvs"), "lvs", "lvs");
                Statement s = c.createStatement()) {
            s.execute("select 4711 as probe_statement");
            try (ResultSet rs = s.executeQuery(
                    "select calls from pg_stat_statements where query like 'select $1 as probe_statement%'")) {
                assertTrue(rs.next(), "the probe statement is counted");
                assertEquals(1, rs.getLong(1));
            }
        }
    }

    @Test
    void theStackSuperuserReadsWhichRelationsWroteTheLog() throws SQLException {
        Postgres.enableProfiling(durable.getJdbcUrl("postgres", "lvs"), "postgres", "postgres", "lvs");
        try (Connection c = DriverManager.getConnection(durable.getJdbcUrl("postgres", "lvs"));
                Statement s = c.createStatement()) {
            s.execute("create table if not exists wal_probe (id int)");
            String before;
            try (ResultSet rs = s.executeQuery("select pg_current_wal_lsn()::text")) {
                rs.next();
                before = rs.getString(1);
            }
            s.execute("insert into wal_probe select generate_series(1, 100)");
            try (ResultSet rs = s.executeQuery("select count(*) from pg_get_wal_block_info('" + before
                    + "'::pg_lsn, pg_current_wal_lsn()) b join pg_class c on c.relfilenode = b.relfilenode"
                    + " where c.relname = 'wal_probe'")) {
                rs.next();
                assertTrue(rs.getLong(1) > 0, "the probe table's inserts are in the log");
            }
        }
    }

    @Test
    void theStackDatabaseLogsSlowStatementsWithTheirPlanAndLongLockWaits() throws Exception {
        try (Connection c = DriverManager.getConnection(durable.getJdbcUrl("lvs", "lvs"), "lvs", "lvs")) {
            assertEquals("2s", show(c, "auto_explain.log_min_duration"));
            assertEquals("off", show(c, "auto_explain.log_analyze"), "plans only: no per-row timing on every query");
            assertEquals("on", show(c, "log_lock_waits"));
            assertEquals("on", show(c, "logging_collector"));
            try (Statement s = c.createStatement()) {
                s.execute("do $$ begin raise log 'probe-for-the-server-log'; end $$");
            }
        }
        Path logs = dir.resolve("durable").resolve("log");
        long deadline = System.nanoTime() + 10_000_000_000L;
        boolean logged = false;
        while (!logged && System.nanoTime() < deadline) {
            try (var files = Files.list(logs)) {
                logged = files.anyMatch(f -> contains(f, "probe-for-the-server-log"));
            }
            if (!logged) {
                Thread.sleep(100); // the collector writes asynchronously
            }
        }
        assertTrue(logged, "the server's own log in the data directory has the probe line");
    }

    private static boolean contains(Path file, String text) {
        try {
            return Files.readString(file).contains(text);
        } catch (IOException e) {
            return false;
        }
    }

    @Test
    void theTestDatabaseKeepsZonkysFastSettings() throws IOException, SQLException {
        try (EmbeddedPostgres fast = Postgres.startEmbedded(dir.resolve("fast"), freePort());
                Connection c = DriverManager.getConnection(fast.getJdbcUrl("postgres", "postgres"))) {
            assertEquals("off", show(c, "fsync"));
            assertEquals("off", show(c, "synchronous_commit"));
        }
    }

    @Test
    void eachServiceRoleOwnsItsSchemaAndNothingElse() throws Exception {
        Path secrets = dir.resolve("secrets");
        try (Connection admin = DriverManager.getConnection(durable.getJdbcUrl("postgres", "lvs"))) {
            for (ServiceRole service : ServiceRoles.LOCAL) {
                ServiceRoles.ensure(admin, "lvs", service, ServiceRoles.password(secrets, service.role()));
            }
            // idempotent: a second start changes nothing and fails on nothing
            for (ServiceRole service : ServiceRoles.LOCAL) {
                ServiceRoles.ensure(admin, "lvs", service, ServiceRoles.password(secrets, service.role()));
            }
        }
        assertEquals(
                Set.of(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE),
                Files.getPosixFilePermissions(secrets.resolve("lvs_triage.password")));
        try (Connection triage = connectAs("lvs_triage", secrets);
                Statement s = triage.createStatement()) {
            s.execute("create table triage.decision_probe (id bigserial primary key, v text)");
            s.execute("insert into triage.decision_probe (v) values ('x')");
            assertEquals("42501", sqlState(() -> s.execute("create table ingest.intruder (id int)")));
            assertEquals("42501", sqlState(() -> s.execute("create schema elsewhere")));
            assertEquals("42501", sqlState(() -> s.execute("create table public.intruder (id int)")));
        }
        try (Connection ingest = connectAs("lvs_ingest", secrets);
                Statement s = ingest.createStatement()) {
            assertEquals("42501", sqlState(() -> s.executeQuery("select * from triage.decision_probe")));
        }
        try (Connection c = DriverManager.getConnection(durable.getJdbcUrl("postgres", "lvs"));
                ResultSet rs = c.createStatement()
                        .executeQuery("select nspname, pg_get_userbyid(nspowner) from pg_namespace where nspname in "
                                + "('ingest', 'triage', 'sla', 'metrics') order by 1")) {
            StringBuilder owners = new StringBuilder();
            while (rs.next()) {
                owners.append(rs.getString(1))
                        .append('=')
                        .append(rs.getString(2))
                        .append(' ');
            }
            assertEquals("ingest=lvs_ingest metrics=lvs_metrics sla=lvs_sla triage=lvs_triage ", owners.toString());
        }
    }

    @Test
    void aDataDirectoryFromBeforePerServiceRolesIsHandedOver() throws Exception {
        ServiceRole legacy = new ServiceRole("legacy-service", "lvs_legacy", "legacy");
        try (Connection admin = DriverManager.getConnection(durable.getJdbcUrl("postgres", "lvs"));
                Statement s = admin.createStatement()) {
            // What an older ./lvs left: the schema and its objects owned by the shared role lvs.
            s.execute("create schema legacy authorization lvs");
            s.execute("set role lvs");
            s.execute("create table legacy.cases (id bigserial primary key, status text)");
            s.execute("create sequence legacy.positions");
            s.execute("create view legacy.open_cases as select * from legacy.cases");
            s.execute("create type legacy.mood as enum ('calm', 'busy')");
            s.execute("create function legacy.answer() returns int language sql as 'select 42'");
            s.execute("reset role");
            ServiceRoles.ensure(admin, "lvs", legacy, "secret");
            try (ResultSet rs = s.executeQuery("""
                    select count(*) from pg_class c join pg_namespace n on n.oid = c.relnamespace
                    where n.nspname = 'legacy' and pg_get_userbyid(c.relowner) <> 'lvs_legacy'""")) {
                rs.next();
                assertEquals(0, rs.getInt(1), "every relation of the schema is handed over");
            }
        }
        try (Connection c = DriverManager.getConnection(durable.getJdbcUrl("lvs_legacy", "lvs"));
                Statement s = c.createStatement()) {
            s.execute("insert into legacy.cases (status) values ('OPEN')");
            s.execute("alter table legacy.cases add column note text");
            s.execute("select nextval('legacy.positions')");
            s.execute("select legacy.answer()");
        }
    }

    private static Connection connectAs(String role, Path secrets) throws IOException, SQLException {
        String password = Files.readString(secrets.resolve(role + ".password")).trim();
        assertTrue(password.length() >= 32, "a generated password");
        return DriverManager.getConnection("jdbc:postgresql://localhost:" + durable.getPort() + "/lvs", role, password);
    }

    interface SqlAction {
        void run() throws SQLException;
    }

    private static String sqlState(SqlAction action) {
        return assertThrows(SQLException.class, action::run).getSQLState();
    }

    private static String show(Connection c, String setting) throws SQLException {
        try (ResultSet rs = c.createStatement().executeQuery("show " + setting)) {
            rs.next();
            return rs.getString(1);
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
