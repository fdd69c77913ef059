package org.lvs.infra.cli;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.util.concurrent.CountDownLatch;
import org.lvs.infra.pg.Postgres;
import org.lvs.infra.pg.ServiceRoles;
import org.lvs.infra.pg.ServiceRoles.ServiceRole;

/**
 * Runs the embedded PostgreSQL of {@code ./lvs} in the foreground until SIGTERM, its data kept in {@code --data-dir}:
 * durable (fsync, synchronous_commit and full_page_writes on), with database {@code lvs} owned by role {@code lvs}
 * (password {@code lvs}, or {@code --password}) and, with {@code --secrets-dir DIR}, one login role per service
 * owning only its schema ({@link ServiceRoles#LOCAL}), its password in {@code DIR/<role>.password}. Statement
 * statistics are on: {@code lvs} reads {@code pg_stat_statements} for the whole stack.
 */
public final class PostgresMain {
    private PostgresMain() {}

    public static void main(String[] argv) throws Exception {
        Args args = Args.parse(argv);
        Path dataDir = Path.of(args.require("data-dir"));
        Files.createDirectories(dataDir);
        int port = args.intOption("port", 5432);
        EmbeddedPostgres pg = Postgres.startDurable(dataDir, port);
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime()
                .addShutdownHook(new Thread(
                        () -> {
                            try {
                                pg.close();
                            } catch (Exception e) {
                                System.err.println("stopping PostgreSQL: " + e.getMessage());
                            }
                            stopped.countDown();
                        },
                        "postgres-stop"));
        String password = args.get("password", "lvs");
        Postgres.ensureRoleAndDatabase(
                pg.getJdbcUrl("postgres", "postgres"), "postgres", "postgres", "lvs", password, "lvs");
        Postgres.enableProfiling(pg.getJdbcUrl("postgres", "lvs"), "postgres", "postgres", "lvs");
        String secrets = args.get("secrets-dir", null);
        if (secrets != null) {
            try (Connection admin = DriverManager.getConnection(pg.getJdbcUrl("postgres", "lvs"))) {
                for (ServiceRole service : ServiceRoles.LOCAL) {
                    ServiceRoles.ensure(admin, "lvs", service, ServiceRoles.password(Path.of(secrets), service.role()));
                }
            }
        }
        System.out.println("READY postgres jdbc:postgresql://127.0.0.1:" + port + "/lvs");
        System.out.flush();
        stopped.await();
    }
}
