package org.lvs.e2e.chaos;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * The embedded PostgreSQL of local-infra ({@code org.lvs.infra.cli.PostgresMain}) as a process of its own, on a fixed
 * port and data directory, so it can be frozen (SIGSTOP of the postmaster's process group), stopped and started again
 * with its data.
 */
final class ChaosDatabase implements AutoCloseable {

    static final String USER = "lvs";
    static final String PASSWORD = "lvs";

    private final InfraProcess process;
    private final Path dataDir;
    private final int port;
    private volatile long frozenGroup = -1;

    private ChaosDatabase(InfraProcess process, Path dataDir, int port) {
        this.process = process;
        this.dataDir = dataDir;
        this.port = port;
    }

    static ChaosDatabase start(Path dir, int port) throws IOException {
        Path dataDir = dir.resolve("pg-data");
        InfraProcess process = InfraProcess.of(
                "postgres",
                "org.lvs.infra.cli.PostgresMain",
                List.of("--data-dir", dataDir.toString(), "--port", Integer.toString(port), "--password", PASSWORD),
                dir.resolve("logs/postgres.log"));
        ChaosDatabase database = new ChaosDatabase(process, dataDir, port);
        process.start(Duration.ofSeconds(120));
        return database;
    }

    int port() {
        return port;
    }

    /** A JDBC URL straight to the server, past any proxy (the checker's own reads). */
    String directJdbcUrl() {
        return "jdbc:postgresql://127.0.0.1:" + port + "/lvs";
    }

    /** SIGSTOP of the postmaster's process group: every backend hangs, connections stay open, nothing answers. */
    synchronized void freeze() {
        long group = ProcessGroups.groupOf(postmasterPid());
        ProcessGroups.stop(group);
        frozenGroup = group;
    }

    /** SIGCONT of the group frozen by {@link #freeze()}. */
    synchronized void thaw() {
        if (frozenGroup > 0) {
            ProcessGroups.resume(frozenGroup);
            frozenGroup = -1;
        }
    }

    boolean frozen() {
        return frozenGroup > 0;
    }

    /** Stops the server cleanly (SIGTERM to PostgresMain, which stops PostgreSQL). */
    void stop() {
        thaw();
        process.stop(Duration.ofSeconds(60));
    }

    /** Starts it again on the same port with the same data. */
    void startAgain() throws IOException {
        process.start(Duration.ofSeconds(120));
    }

    /** The postmaster's pid: the first line of {@code postmaster.pid} in the data directory. */
    long postmasterPid() {
        try {
            return Long.parseLong(
                    Files.readAllLines(dataDir.resolve("postmaster.pid")).get(0).trim());
        } catch (IOException | RuntimeException e) {
            throw new IllegalStateException("no postmaster.pid in " + dataDir + ": " + e, e);
        }
    }

    @Override
    public void close() {
        stop();
    }
}
