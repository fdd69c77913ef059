package org.lvs.e2e;

import java.io.IOException;
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
import org.lvs.infra.test.TestInfrastructure;

/**
 * The four services started from their packaged jars ({@code target/quarkus-app/quarkus-run.jar}) as separate
 * processes, on free ports, against the test broker and database: the system as it runs in production.
 */
final class RunningStack implements AutoCloseable {

    static final List<String> SERVICES = List.of("referral-ingest", "triage-service", "contact-sla-service",
            "metrics-service");

    private final Map<String, Process> processes = new LinkedHashMap<>();
    private final Map<String, ProcessBuilder> builders = new LinkedHashMap<>();
    private final Map<String, String> urls = new LinkedHashMap<>();
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    /** The whole system, one instance of each service. */
    static RunningStack start() throws IOException {
        return start(SERVICES);
    }

    /**
     * The named services; a name given twice starts a second instance in the same consumer group (its URL is
     * {@code url(name + "#2")}).
     */
    static RunningStack start(List<String> services) throws IOException {
        RunningStack stack = new RunningStack();
        try {
            stack.launchAll(services);
            stack.awaitReady(Duration.ofSeconds(120));
            return stack;
        } catch (IOException | RuntimeException e) {
            stack.close();
            throw e;
        }
    }

    private void launchAll(List<String> services) throws IOException {
        Path root = Path.of(System.getProperty("lvs.root", ".."));
        Path logs = root.resolve("e2e-tests/target/e2e-logs");
        Files.createDirectories(logs);
        TestInfrastructure infra = TestInfrastructure.get();
        for (String service : services) {
            String instance = urls.containsKey(service) ? service + "#" + (instanceCount(service) + 1) : service;
            Path jar = root.resolve(service).resolve("target/quarkus-app/quarkus-run.jar");
            if (!Files.exists(jar)) {
                throw new IllegalStateException("not packaged: " + jar);
            }
            int port = freePort();
            List<String> command = new ArrayList<>(List.of(javaBinary(), "-Xmx384m", "-XX:TieredStopAtLevel=1",
                    "-Dquarkus.http.port=" + port, "-jar", jar.toString()));
            ProcessBuilder builder = new ProcessBuilder(command)
                    .redirectErrorStream(true)
                    .redirectOutput(logs.resolve(instance.replace('#', '-') + ".log").toFile());
            Map<String, String> env = builder.environment();
            env.put("LVS_KAFKA_BOOTSTRAP", infra.kafkaBootstrap());
            env.put("LVS_DB_URL", infra.jdbcUrl());
            env.put("LVS_DB_USER", infra.dbUser());
            env.put("LVS_DB_PASSWORD", infra.dbPassword());
            env.put("LVS_JWT_PUBLIC_KEY", infra.publicKey().toAbsolutePath().toString());
            builders.put(instance, builder);
            processes.put(instance, builder.start());
            urls.put(instance, "http://127.0.0.1:" + port);
        }
    }

    private int instanceCount(String service) {
        return (int) urls.keySet().stream().filter(k -> k.equals(service) || k.startsWith(service + "#")).count();
    }

    private void awaitReady(Duration timeout) {
        Instant deadline = Instant.now().plus(timeout);
        for (String service : processes.keySet()) {
            while (!ready(service)) {
                Process process = processes.get(service);
                if (!process.isAlive()) {
                    throw new IllegalStateException(service + " exited with " + process.exitValue()
                            + "; see e2e-tests/target/e2e-logs/" + service.replace('#', '-') + ".log");
                }
                if (Instant.now().isAfter(deadline)) {
                    throw new IllegalStateException(service + " not ready within " + timeout);
                }
                sleep(250);
            }
        }
    }

    private boolean ready(String service) {
        try {
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(url(service) + "/q/health/ready"))
                    .timeout(Duration.ofSeconds(2)).build(), HttpResponse.BodyHandlers.ofString());
            return response.statusCode() == 200;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** Stops one instance (SIGTERM, as an orchestrator would) and starts it again on the same port. */
    void restart(String instance) throws IOException {
        Process old = processes.get(instance);
        old.destroy();
        try {
            if (!old.waitFor(30, java.util.concurrent.TimeUnit.SECONDS)) {
                old.destroyForcibly().waitFor();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
        ProcessBuilder builder = builders.get(instance);
        Path log = builder.redirectOutput().file().toPath();
        builder.redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        processes.put(instance, builder.start());
        awaitReady(Duration.ofSeconds(120));
    }

    String url(String service) {
        return urls.get(service);
    }

    @Override
    public void close() {
        processes.values().forEach(Process::destroy);
        for (Process process : processes.values()) {
            try {
                if (!process.waitFor(15, java.util.concurrent.TimeUnit.SECONDS)) {
                    process.destroyForcibly();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                process.destroyForcibly();
            }
        }
    }

    private static String javaBinary() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    private static int freePort() throws IOException {
        try (java.net.ServerSocket socket = new java.net.ServerSocket(0)) {
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
