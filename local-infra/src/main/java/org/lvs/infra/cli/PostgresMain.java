package org.lvs.infra.cli;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;
import org.lvs.infra.pg.Postgres;

/**
 * Runs the embedded PostgreSQL of {@code ./lvs} in the foreground until SIGTERM, its data kept in {@code --data-dir},
 * with role and database {@code lvs} (password {@code lvs}, or {@code --password}).
 */
public final class PostgresMain {
    private PostgresMain() {
    }

    public static void main(String[] argv) throws Exception {
        Args args = Args.parse(argv);
        Path dataDir = Path.of(args.require("data-dir"));
        Files.createDirectories(dataDir);
        int port = args.intOption("port", 5432);
        EmbeddedPostgres pg = Postgres.startEmbedded(dataDir, port);
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                pg.close();
            } catch (Exception e) {
                System.err.println("stopping PostgreSQL: " + e.getMessage());
            }
            stopped.countDown();
        }, "postgres-stop"));
        String password = args.get("password", "lvs");
        Postgres.ensureRoleAndDatabase(pg.getJdbcUrl("postgres", "postgres"), "postgres", "postgres", "lvs",
                password, "lvs");
        System.out.println("READY postgres jdbc:postgresql://127.0.0.1:" + port + "/lvs");
        System.out.flush();
        stopped.await();
    }
}
