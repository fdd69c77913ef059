package org.lvs.e2e.chaos;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.lvs.e2e.KafkaTool;

/**
 * One chaos run: a stack of its own, the injected poison, a replay through the API, a timeline of faults while it
 * runs (and optionally a kill -9 loop beside it), then the {@link HistoryChecker} once the faults heal. Writes what
 * happened to {@code events.log} and the figures to {@code summary.txt} in the run's directory.
 */
final class ChaosRun {

    /** One injection. */
    @FunctionalInterface
    interface Fault {
        void inject(ChaosStack stack) throws Exception;
    }

    /** A fault at an offset from the start of the replay (later if the step before it still runs). */
    record Step(Duration at, Fault fault) {
        static Step at(int seconds, Fault fault) {
            return new Step(Duration.ofSeconds(seconds), fault);
        }
    }

    /** kill -9 of each service in turn, every {@code every}, from {@code from} until {@code until}. */
    record KillLoop(List<String> services, Duration every, Duration from, Duration until) {}

    record Result(List<String> problems, List<String> refused, int accepted, int expected, String summary) {}

    private final String name;
    private final int referrals;
    private final int batchSize;
    private final Duration spread;
    private final List<Step> timeline;
    private final KillLoop killLoop;
    private final Duration healTimeout;

    ChaosRun(
            String name,
            int referrals,
            int batchSize,
            Duration spread,
            List<Step> timeline,
            KillLoop killLoop,
            Duration healTimeout) {
        this.name = name;
        this.referrals = referrals;
        this.batchSize = batchSize;
        this.spread = spread;
        this.timeline = timeline;
        this.killLoop = killLoop;
        this.healTimeout = healTimeout;
    }

    Result run() throws Exception {
        Instant started = Instant.now();
        try (ChaosStack stack = ChaosStack.start(name);
                KafkaTool kafka = new KafkaTool(stack.bootstrap())) {
            Duration startup = Duration.between(started, Instant.now());
            Map<String, Set<String>> poison = Poison.inject(kafka);
            stack.log.note("poison sent: " + poison);

            String runId = name + "-" + UUID.randomUUID().toString().substring(0, 8);
            Replay replay = new Replay(stack, runId, referrals, batchSize, spread);
            Thread replayer = new Thread(() -> replay.run(spread.plus(Duration.ofMinutes(20))), "chaos-replay");
            Instant replayStart = Instant.now();
            replayer.start();
            stack.log.note("replay of " + referrals + " referrals started (batches of " + batchSize + " over "
                    + spread.toSeconds() + " s)");

            Thread killer = killLoop == null ? null : new Thread(() -> killLoop(stack, replayStart), "chaos-kill-loop");
            if (killer != null) {
                killer.start();
            }
            List<String> injected = runTimeline(stack, replayStart);
            if (killer != null) {
                killer.join();
            }
            Duration faultsTook = Duration.between(replayStart, Instant.now());
            stack.log.note("faults over after " + faultsTook.toSeconds() + " s; waiting for the replay");
            replayer.join();

            Instant checkStart = Instant.now();
            HistoryChecker checker = new HistoryChecker(stack, kafka, poison);
            List<String> problems =
                    new ArrayList<>(checker.check(replay.accepted().values(), healTimeout));
            problems.addAll(injected);
            Duration checkTook = Duration.between(checkStart, Instant.now());

            String summary = """
                    chaos run %s
                      stack start            %d s
                      replay                 %d referrals (expected %d) in %d s, %d requests, failed attempts %s
                      faults                 %d s: %s
                      kills / self-exits / liveness restarts  %d / %d / %d
                      proxy                  %d connections accepted, %d reset
                      heal + checks          %d s
                      checker figures        %s
                      total                  %d s
                      problems               %s
                    """.formatted(
                            name,
                            startup.toSeconds(),
                            replay.accepted().size(),
                            referrals,
                            replay.took().toSeconds(),
                            replay.requests(),
                            replay.failures(),
                            faultsTook.toSeconds(),
                            timeline.size() + " timed step(s)" + (killLoop == null ? "" : " and a kill -9 loop"),
                            stack.injectedKills.get(),
                            stack.unexpectedExits.get(),
                            stack.livenessRestarts.get(),
                            stack.proxy().acceptedConnections(),
                            stack.proxy().resetConnections(),
                            checkTook.toSeconds(),
                            checker.figures(),
                            Duration.between(started, Instant.now()).toSeconds(),
                            problems.isEmpty() ? "none" : String.join("\n        ", problems));
            System.out.println(summary);
            Path file = stack.dir.resolve("summary.txt");
            Files.writeString(
                    file,
                    summary + "\nevents:\n" + String.join("\n", stack.log.lines()) + "\n",
                    StandardCharsets.UTF_8);
            return new Result(problems, replay.refused(), replay.accepted().size(), referrals, summary);
        }
    }

    /** Runs the steps in order; returns the injections that failed (a fault the harness could not inject). */
    private List<String> runTimeline(ChaosStack stack, Instant start) {
        List<String> failed = new ArrayList<>();
        for (Step step : timeline) {
            long wait = Duration.between(Instant.now(), start.plus(step.at())).toMillis();
            if (wait > 0) {
                InfraProcess.sleep(wait);
            }
            try {
                step.fault().inject(stack);
            } catch (Exception e) {
                stack.log.note("INJECTION FAILED: " + e);
                failed.add("an injection failed: " + e);
            }
        }
        return failed;
    }

    private void killLoop(ChaosStack stack, Instant start) {
        int next = 0;
        Instant end = start.plus(killLoop.until());
        for (Instant due = start.plus(killLoop.from()); due.isBefore(end); due = due.plus(killLoop.every())) {
            long wait = Duration.between(Instant.now(), due).toMillis();
            if (wait > 0) {
                InfraProcess.sleep(wait);
            }
            String service =
                    killLoop.services().get(next++ % killLoop.services().size());
            try {
                stack.killAndRestart(service);
            } catch (Exception e) {
                stack.log.note("kill loop: " + e);
            }
        }
    }
}
