package org.lvs.e2e.chaos;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.lvs.e2e.RunningStack;
import org.lvs.infra.chaos.ChaosProxy;
import org.lvs.infra.jwt.LocalJwt;

/**
 * A whole system that the chaos suite owns so it can hurt it: a Kafka broker and an embedded PostgreSQL as processes
 * of their own, the {@link ChaosProxy} in front of PostgreSQL, and the four packaged services pointed at the proxy.
 * Everything lives in {@code e2e-tests/target/chaos/<run>/} (logs stay, data goes at the end).
 *
 * <p>A supervisor plays the orchestrator: a service process that exits is started again (Kubernetes' restart policy),
 * and one whose liveness stays DOWN for a minute is killed and started again (its liveness probe). Each such
 * restart not caused by an injected kill is counted and logged.
 */
final class ChaosStack implements AutoCloseable {

    private static final Duration LIVENESS_GRACE = Duration.ofSeconds(60);
    private static final Duration SUPERVISOR_PERIOD = Duration.ofSeconds(2);

    final Path dir;
    final ChaosLog log;
    private final LocalJwt jwt;
    private ChaosBroker broker;
    private ChaosDatabase database;
    private ChaosProxy proxy;
    private RunningStack services;
    private final Object lifecycle = new Object();
    private final Map<String, Long> downSince = new ConcurrentHashMap<>();
    private final Map<String, String> tokens = new ConcurrentHashMap<>();
    private final Map<String, Long> tokenSignedAt = new ConcurrentHashMap<>();
    final AtomicInteger injectedKills = new AtomicInteger();
    final AtomicInteger unexpectedExits = new AtomicInteger();
    final AtomicInteger livenessRestarts = new AtomicInteger();
    private volatile boolean closing;
    private Thread supervisor;
    private final Thread shutdownHook = new Thread(this::close, "chaos-stack-stop");

    private ChaosStack(Path dir) throws IOException {
        this.dir = dir;
        this.log = new ChaosLog(dir.resolve("events.log"));
        this.jwt = LocalJwt.inDirectory(dir.resolve("keys"));
    }

    static ChaosStack start(String name) throws IOException {
        String run = name + "-" + LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss"));
        ChaosStack stack = new ChaosStack(
                RunningStack.root().resolve("e2e-tests/target/chaos").resolve(run));
        Runtime.getRuntime().addShutdownHook(stack.shutdownHook);
        try {
            stack.startParts();
            return stack;
        } catch (IOException | RuntimeException e) {
            stack.close();
            throw e;
        }
    }

    private void startParts() throws IOException {
        log.note("starting in " + dir + " (infra classpath: "
                + InfraProcess.classpath().split(":")[0] + " ...)");
        broker = ChaosBroker.start(dir, freePort(), freePort());
        log.note("kafka ready at " + broker.bootstrap());
        database = ChaosDatabase.start(dir, freePort());
        log.note("postgres ready on port " + database.port() + " (postmaster pid " + database.postmasterPid()
                + ", process group " + ProcessGroups.groupOf(database.postmasterPid()) + ")");
        proxy = ChaosProxy.start(0, "127.0.0.1", database.port());
        log.note("proxy " + proxy.port() + " -> postgres " + database.port());
        RunningStack.Backends backends = new RunningStack.Backends(
                broker.bootstrap(),
                "jdbc:postgresql://127.0.0.1:" + proxy.port() + "/lvs",
                ChaosDatabase.USER,
                ChaosDatabase.PASSWORD,
                LocalJwt.publicKey(dir.resolve("keys")));
        services = RunningStack.start(RunningStack.SERVICES, backends, Map.of(), dir.resolve("logs"));
        log.note("services ready: " + services.instances());
        supervisor = new Thread(this::supervise, "chaos-supervisor");
        supervisor.setDaemon(true);
        supervisor.start();
    }

    // ---------------------------------------------------------------------------------------------------------------
    // what the tests and the checker read

    String url(String service) {
        return services.url(service);
    }

    List<String> services() {
        return services.instances();
    }

    RunningStack running() {
        return services;
    }

    String bootstrap() {
        return broker.bootstrap();
    }

    String directJdbcUrl() {
        return database.directJdbcUrl();
    }

    ChaosProxy proxy() {
        return proxy;
    }

    /** {@code "Bearer …"} for these roles, signed again every ten minutes so a long run never holds an old one. */
    String bearer(String... roles) {
        String key = String.join(",", roles);
        long now = System.currentTimeMillis();
        Long signed = tokenSignedAt.get(key);
        if (signed == null || now - signed > Duration.ofMinutes(10).toMillis()) {
            tokens.put(
                    key, "Bearer " + jwt.sign("chaos-" + String.join("-", roles), List.of(roles), Duration.ofHours(1)));
            tokenSignedAt.put(key, now);
        }
        return tokens.get(key);
    }

    // ---------------------------------------------------------------------------------------------------------------
    // injections

    /** kill -9 of a service, and its restart at once (as an orchestrator restarts a crashed pod). */
    void killAndRestart(String service) throws IOException {
        synchronized (lifecycle) {
            long pid = services.pid(service);
            services.kill(service);
            injectedKills.incrementAndGet();
            log.note("kill -9 " + service + " (pid " + pid + "); restarting it");
            services.launchAgain(service);
        }
    }

    /** SIGSTOP of PostgreSQL's process group for {@code duration}, then SIGCONT. */
    void freezeDatabase(Duration duration) {
        database.freeze();
        log.note("postgres frozen (SIGSTOP of its process group) for " + duration.toSeconds() + " s");
        try {
            InfraProcess.sleep(duration.toMillis());
        } finally {
            database.thaw();
            log.note("postgres thawed (SIGCONT)");
        }
    }

    /** PostgreSQL stopped, down for {@code downtime}, and started again with its data. */
    void restartDatabase(Duration downtime) throws IOException {
        log.note("postgres stopping (down for " + downtime.toSeconds() + " s)");
        database.stop();
        log.note("postgres down");
        InfraProcess.sleep(downtime.toMillis());
        database.startAgain();
        log.note("postgres up again");
    }

    /** The broker stopped cleanly and started again with its data. */
    void restartBroker() throws IOException {
        log.note("kafka restarting");
        broker.restart();
        log.note("kafka up again");
    }

    /** Every open database connection cut at once (TCP reset on both sides), whatever it was doing. */
    int resetDatabaseConnections() {
        int count = proxy.resetAll();
        log.note("proxy reset " + count + " database connection(s)");
        return count;
    }

    /** Nothing reaches PostgreSQL, nor comes back, for {@code duration}; then the network heals. */
    void blackholeDatabase(Duration duration) {
        proxy.blackhole();
        log.note("proxy blackhole for " + duration.toSeconds() + " s (" + proxy.openConnections()
                + " connections held)");
        try {
            InfraProcess.sleep(duration.toMillis());
        } finally {
            proxy.passThrough();
            log.note("proxy pass-through again");
        }
    }

    // ---------------------------------------------------------------------------------------------------------------
    // the orchestrator's part

    private void supervise() {
        while (!closing) {
            for (String service : services.instances()) {
                if (closing) {
                    return;
                }
                try {
                    superviseOne(service);
                } catch (IOException | RuntimeException e) {
                    log.note("supervisor: cannot restart " + service + ": " + e);
                }
            }
            try {
                Thread.sleep(SUPERVISOR_PERIOD.toMillis());
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    private void superviseOne(String service) throws IOException {
        synchronized (lifecycle) {
            if (closing) {
                return;
            }
            if (!services.alive(service)) {
                unexpectedExits.incrementAndGet();
                log.note("UNEXPECTED: " + service + " exited on its own; restarting it (see " + services.log(service)
                        + ")");
                services.launchAgain(service);
                downSince.remove(service);
                return;
            }
        }
        int live = services.health(service, "live");
        if (live != 503) {
            downSince.remove(service);
            return;
        }
        long since = downSince.computeIfAbsent(service, s -> System.currentTimeMillis());
        if (System.currentTimeMillis() - since >= LIVENESS_GRACE.toMillis()) {
            synchronized (lifecycle) {
                livenessRestarts.incrementAndGet();
                log.note("LIVENESS: " + service + " DOWN for " + LIVENESS_GRACE.toSeconds()
                        + " s; killing and restarting it, as its liveness probe would");
                services.kill(service);
                services.launchAgain(service);
                downSince.remove(service);
            }
        }
    }

    /** Waits until every service answers ready (restarted ones included). */
    void awaitAllReady(Duration timeout) {
        long deadline = System.currentTimeMillis() + timeout.toMillis();
        for (String service : services.instances()) {
            while (!services.ready(service)) {
                if (System.currentTimeMillis() > deadline) {
                    throw new IllegalStateException(service + " not ready within " + timeout);
                }
                InfraProcess.sleep(500);
            }
        }
    }

    @Override
    public synchronized void close() {
        if (closing) {
            return;
        }
        closing = true;
        try {
            Runtime.getRuntime().removeShutdownHook(shutdownHook);
        } catch (IllegalStateException e) {
            // already shutting down: this is the hook
        }
        if (supervisor != null) {
            supervisor.interrupt();
        }
        if (database != null) {
            database.thaw();
        }
        if (proxy != null) {
            proxy.passThrough();
        }
        if (services != null) {
            services.close();
        }
        if (broker != null) {
            broker.close();
        }
        if (database != null) {
            database.close();
        }
        if (proxy != null) {
            proxy.close();
        }
        deleteRecursively(dir.resolve("kafka-data"));
        deleteRecursively(dir.resolve("pg-data"));
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            socket.setReuseAddress(true);
            return socket.getLocalPort();
        }
    }

    private static void deleteRecursively(Path path) {
        if (!Files.exists(path)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(path)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            // test data only
        }
    }
}
