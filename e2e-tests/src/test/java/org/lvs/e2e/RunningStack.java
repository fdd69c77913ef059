package org.lvs.e2e;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.lvs.infra.test.TestInfrastructure;

/**
 * The four services started from their packaged jars ({@code target/quarkus-app/quarkus-run.jar}) as separate
 * processes, on free ports, against a broker and database: the system as it runs in production, with the local
 * profile ({@code QUARKUS_PROFILE=local}; the prod profile refuses the local defaults).
 */
public final class RunningStack implements AutoCloseable {

    public static final List<String> SERVICES =
            List.of("referral-ingest", "triage-service", "contact-sla-service", "metrics-service");

    /** Where the services find the broker, the database and the token key. */
    public record Backends(String kafkaBootstrap, String jdbcUrl, String dbUser, String dbPassword, Path publicKey) {

        /** The test JVM's shared broker and database ({@link TestInfrastructure}). */
        public static Backends shared() {
            TestInfrastructure infra = TestInfrastructure.get();
            return new Backends(
                    infra.kafkaBootstrap(), infra.jdbcUrl(), infra.dbUser(), infra.dbPassword(), infra.publicKey());
        }
    }

    private final Backends backends;
    private final Map<String, String> extraEnv;
    private final Path logs;
    private final Map<String, Process> processes = new ConcurrentHashMap<>();
    private final Map<String, ProcessBuilder> builders = new LinkedHashMap<>();
    private final Map<String, String> urls = new LinkedHashMap<>();
    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private RunningStack(Backends backends, Map<String, String> extraEnv, Path logs) {
        this.backends = backends;
        this.extraEnv = extraEnv;
        this.logs = logs;
    }

    /** The whole system, one instance of each service, on the shared test broker and database. */
    public static RunningStack start() throws IOException {
        return start(SERVICES);
    }

    /**
     * The named services; a name given twice starts a second instance in the same consumer group (its URL is
     * {@code url(name + "#2")}).
     */
    public static RunningStack start(List<String> services) throws IOException {
        return start(services, Backends.shared(), Map.of(), root().resolve("e2e-tests/target/e2e-logs"));
    }

    /** The named services on these backends, with extra environment variables, logging into {@code logs}. */
    public static RunningStack start(List<String> services, Backends backends, Map<String, String> extraEnv, Path logs)
            throws IOException {
        RunningStack stack = new RunningStack(backends, extraEnv, logs);
        try {
            stack.launchAll(services);
            stack.awaitReady(Duration.ofSeconds(180));
            return stack;
        } catch (IOException | RuntimeException e) {
            stack.close();
            throw e;
        }
    }

    /** The project's root directory (failsafe passes it as {@code lvs.root}). */
    public static Path root() {
        return Path.of(System.getProperty("lvs.root", ".."));
    }

    private void launchAll(List<String> services) throws IOException {
        Files.createDirectories(logs);
        for (String service : services) {
            String instance = urls.containsKey(service) ? service + "#" + (instanceCount(service) + 1) : service;
            Path jar = root().resolve(service).resolve("target/quarkus-app/quarkus-run.jar");
            if (!Files.exists(jar)) {
                throw new IllegalStateException("not packaged: " + jar);
            }
            int port = freePort();
            List<String> command = new ArrayList<>(List.of(
                    javaBinary(),
                    "-Xmx384m",
                    "-XX:TieredStopAtLevel=1",
                    "-XX:+UseSerialGC",
                    "-Dquarkus.http.port=" + port,
                    "-jar",
                    jar.toString()));
            ProcessBuilder builder = new ProcessBuilder(command)
                    .redirectErrorStream(true)
                    .redirectOutput(log(instance).toFile());
            Map<String, String> env = builder.environment();
            env.put("QUARKUS_PROFILE", "local");
            env.put("LVS_KAFKA_BOOTSTRAP", backends.kafkaBootstrap());
            env.put("LVS_DB_URL", backends.jdbcUrl());
            env.put("LVS_DB_USER", backends.dbUser());
            env.put("LVS_DB_PASSWORD", backends.dbPassword());
            env.put("LVS_JWT_PUBLIC_KEY", backends.publicKey().toAbsolutePath().toString());
            env.putAll(extraEnv);
            builders.put(instance, builder);
            processes.put(instance, builder.start());
            urls.put(instance, "http://127.0.0.1:" + port);
        }
    }

    private int instanceCount(String service) {
        return (int) urls.keySet().stream()
                .filter(k -> k.equals(service) || k.startsWith(service + "#"))
                .count();
    }

    private void awaitReady(Duration timeout) {
        for (String instance : urls.keySet()) {
            awaitReady(instance, timeout);
        }
    }

    /** Waits until the instance answers ready; fails if its process exits or the time runs out. */
    public void awaitReady(String instance, Duration timeout) {
        Instant deadline = Instant.now().plus(timeout);
        while (!ready(instance)) {
            Process process = processes.get(instance);
            if (!process.isAlive()) {
                throw new IllegalStateException(
                        instance + " exited with " + process.exitValue() + "; see " + log(instance));
            }
            if (Instant.now().isAfter(deadline)) {
                throw new IllegalStateException(instance + " not ready within " + timeout + "; see " + log(instance));
            }
            sleep(250);
        }
    }

    /** True when {@code /q/health/ready} answers 200. */
    public boolean ready(String instance) {
        return health(instance, "ready") == 200;
    }

    /** True when {@code /q/health/live} answers 200. */
    public boolean live(String instance) {
        return health(instance, "live") == 200;
    }

    /** The status of {@code /q/health/<check>}, or -1 when the instance does not answer. */
    public int health(String instance, String check) {
        try {
            HttpResponse<String> response = http.send(
                    HttpRequest.newBuilder(URI.create(url(instance) + "/q/health/" + check))
                            .timeout(Duration.ofSeconds(5))
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            return response.statusCode();
        } catch (IOException e) {
            return -1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return -1;
        }
    }

    /** Stops one instance (SIGTERM, as an orchestrator would) and starts it again on the same port. */
    public void restart(String instance) throws IOException {
        Process old = processes.get(instance);
        old.destroy();
        awaitExit(old, Duration.ofSeconds(30));
        launchAgain(instance);
        awaitReady(instance, Duration.ofSeconds(180));
    }

    /** kill -9 of one instance: no shutdown hook, no goodbye to the broker or the database. */
    public void kill(String instance) {
        Process process = processes.get(instance);
        process.destroyForcibly();
        awaitExit(process, Duration.ofSeconds(30));
    }

    /** Starts a stopped (killed, crashed) instance again on its port, its output appended to its log. */
    public void launchAgain(String instance) throws IOException {
        Process current = processes.get(instance);
        if (current.isAlive()) {
            throw new IllegalStateException(instance + " is still running (pid " + current.pid() + ")");
        }
        ProcessBuilder builder = builders.get(instance);
        builder.redirectOutput(ProcessBuilder.Redirect.appendTo(log(instance).toFile()));
        processes.put(instance, builder.start());
    }

    public boolean alive(String instance) {
        return processes.get(instance).isAlive();
    }

    public long pid(String instance) {
        return processes.get(instance).pid();
    }

    /** Every instance of this stack, in start order. */
    public List<String> instances() {
        return List.copyOf(urls.keySet());
    }

    public String url(String instance) {
        return urls.get(instance);
    }

    /** The instance's log file (its standard output and error, across restarts). */
    public Path log(String instance) {
        return logs.resolve(instance.replace('#', '-') + ".log");
    }

    @Override
    public void close() {
        processes.values().forEach(Process::destroy);
        for (Process process : processes.values()) {
            try {
                if (!process.waitFor(15, TimeUnit.SECONDS)) {
                    process.destroyForcibly();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                process.destroyForcibly();
            }
        }
    }

    private static void awaitExit(Process process, Duration timeout) {
        try {
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly().waitFor();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static String javaBinary() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
