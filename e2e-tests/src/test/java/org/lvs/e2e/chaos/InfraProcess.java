package org.lvs.e2e.chaos;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.lvs.e2e.RunningStack;

/**
 * A broker or database run as a process of its own from local-infra's command-line mains, as {@code ./lvs} runs
 * them: {@code java -cp local-infra/target/local-infra-*.jar:local-infra/target/lib/* org.lvs.infra.cli.XMain}. It runs
 * in a session (and process group) of its own ({@code setsid}), so signals to its group never reach the test JVM.
 */
final class InfraProcess implements AutoCloseable {

    private final String name;
    private final List<String> command;
    private final Path log;
    private volatile Process process;

    private InfraProcess(String name, List<String> command, Path log) {
        this.name = name;
        this.command = command;
        this.log = log;
    }

    /** A main of local-infra with its arguments; started by {@link #start}. */
    static InfraProcess of(String name, String mainClass, List<String> args, Path log) {
        List<String> command = new ArrayList<>(
                List.of("setsid", javaBinary(), "-Xmx512m", "-XX:+UseSerialGC", "-cp", classpath(), mainClass));
        command.addAll(args);
        return new InfraProcess(name, command, log);
    }

    /**
     * local-infra's jar and {@code target/lib} (what its package phase copies, as {@code ./lvs} uses). Where that
     * directory is missing (a build that skipped local-infra's package phase), the test JVM's own classpath, which
     * holds local-infra and its dependencies too.
     */
    static String classpath() {
        Path target = RunningStack.root().resolve("local-infra/target");
        Path lib = target.resolve("lib");
        try (var jars = Files.list(target)) {
            Path jar = jars.filter(p -> p.getFileName().toString().matches("local-infra-.*\\.jar")
                            && !p.getFileName().toString().endsWith("-tests.jar"))
                    .findFirst()
                    .orElse(null);
            if (jar != null && Files.isDirectory(lib)) {
                return jar.toAbsolutePath() + File.pathSeparator + lib.toAbsolutePath() + File.separator + "*";
            }
        } catch (IOException e) {
            // fall through to the test classpath
        }
        String testClasspath = System.getProperty("surefire.test.class.path");
        return testClasspath != null ? testClasspath : System.getProperty("java.class.path");
    }

    /** Starts the process and waits for its {@code READY} line. */
    void start(Duration timeout) throws IOException {
        Files.createDirectories(log.getParent());
        long offset = Files.exists(log) ? Files.size(log) : 0;
        process = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
                .start();
        Instant deadline = Instant.now().plus(timeout);
        while (!readySince(offset)) {
            if (!process.isAlive()) {
                throw new IllegalStateException(
                        name + " exited with " + process.exitValue() + " while starting; see " + log);
            }
            if (Instant.now().isAfter(deadline)) {
                throw new IllegalStateException(name + " not ready within " + timeout + "; see " + log);
            }
            sleep(100);
        }
    }

    private boolean readySince(long offset) throws IOException {
        byte[] bytes = Files.readAllBytes(log);
        if (bytes.length <= offset) {
            return false;
        }
        return new String(bytes, (int) offset, bytes.length - (int) offset, StandardCharsets.UTF_8)
                .lines()
                .anyMatch(line -> line.startsWith("READY "));
    }

    /** SIGTERM, as an operator's stop: the process shuts its part down cleanly. */
    void stop(Duration timeout) {
        Process current = process;
        if (current == null || !current.isAlive()) {
            return;
        }
        current.destroy();
        try {
            if (!current.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                current.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            current.destroyForcibly();
        }
    }

    boolean alive() {
        return process != null && process.isAlive();
    }

    long pid() {
        return process.pid();
    }

    String name() {
        return name;
    }

    @Override
    public void close() {
        stop(Duration.ofSeconds(60));
    }

    private static String javaBinary() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }
}
