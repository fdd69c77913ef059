package org.lvs.tools.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.lvs.contract.Topics;

/**
 * {@code ./lvs bench}: the raw producer rate of the broker, then N priority referrals pushed through ingest (JSON
 * batches, several in flight) → triage → case and clock → figures, timed from the first POST until metrics has
 * consumed everything; then single referrals at a fixed rate, for the latency of one POST under a steady load
 * ({@link SinglePostLatency}). Prints figures; asserts nothing.
 */
public final class PipelineBench {

    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final Duration GIVE_UP = Duration.ofMinutes(15);
    /** What metrics-service consumes: caught up on these, every figure is counted. */
    private static final List<String> METRICS_TOPICS =
            List.of(Topics.REFERRALS_INTAKE, Topics.REFERRALS_TRIAGED, Topics.CASES_EVENTS);

    private final BenchSettings settings;
    private final PrintStream out;
    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    public PipelineBench(BenchSettings settings, PrintStream out) {
        this.settings = settings;
        this.out = out;
    }

    /** Runs the bench; false when not every referral was accepted and counted in time. */
    public boolean run() throws Exception {
        double raw = Double.NaN;
        if (settings.rawRecords() > 0) {
            out.printf(
                    "Raw producer (ProducerPerformance, %,d records of 1 KiB, acks=all) on %s ...%n",
                    settings.rawRecords(), settings.bootstrap());
            raw = RawProducerRate.measure(settings.bootstrap(), "bench.raw", settings.rawRecords());
            out.printf("  %,.0f records/s%n", raw);
        } else {
            out.println("Raw producer: not measured (--raw-records 0), so no ratio to it either");
        }

        try (StageWatch stages = new StageWatch(settings.bootstrap());
                CaseWatch cases = new CaseWatch(settings.bootstrap(), stages.partitions(CaseWatch.topic()))) {
            Map<String, Long> rowsBefore = plumbingRows();
            Map<String, StatementTimes.Totals> statementsBefore = statementTimes();
            String walBefore = walPosition();
            List<String> bodies = batchBodies();
            Map<String, ProcessStats> before = stats();
            long start = System.nanoTime();
            Map<String, Long> postedAt = post(bodies);
            long posted = System.nanoTime();
            int n = settings.referrals();
            if (postedAt.size() != n) {
                out.printf(
                        "Only %,d of %,d referrals were accepted; see ingest's answers above.%n", postedAt.size(), n);
                return false;
            }
            Map<String, Double> finished = new LinkedHashMap<>();
            finished.put("ingest (202s)", seconds(start, posted));
            long triage = awaitLag(stages, "triage-service", List.of(Topics.REFERRALS_RECEIVED), start);
            finished.put("triage (decided)", seconds(start, triage));
            long opened = awaitCases(cases, postedAt.keySet(), start);
            finished.put("contact-sla (cases opened)", seconds(start, opened));
            long counted = awaitLag(stages, "metrics-service", METRICS_TOPICS, start);
            finished.put("metrics (counted)", seconds(start, counted));
            Map<String, ProcessStats> after = stats();
            report(raw, finished, latencies(postedAt, cases), before, after, seconds(start, counted));
            reportRows(rowsBefore, plumbingRows());
            StatementTimes.report(out, statementsBefore, statementTimes(), 12);
            // after the statements' snapshot: reading the log by relation is itself a long statement
            reportWal(walBefore, n, 12);
        }
        if (settings.singles() > 0) {
            singles();
        }
        return true;
    }

    /**
     * Single referrals at a steady rate, then what each arrival cost every process: CPU from the first POST until
     * every consumer caught up, per referral (a trickle pays per poll and per transaction what a batch shares).
     */
    private void singles() throws Exception {
        BenchReferrals singles = new BenchReferrals(Long.toString(System.currentTimeMillis(), 36) + "s", Instant.now());
        try (StageWatch stages = new StageWatch(settings.bootstrap())) {
            Map<String, ProcessStats> before = stats();
            String walBefore = walPosition();
            long start = System.nanoTime();
            SinglePostLatency.Result result = new SinglePostLatency(settings.ingest(), settings.token())
                    .run(singles, settings.singles(), settings.singlesRate());
            awaitLag(stages, "triage-service", List.of(Topics.REFERRALS_RECEIVED), start);
            awaitLag(
                    stages, "contact-sla-service", List.of(Topics.REFERRALS_RECEIVED, Topics.REFERRALS_TRIAGED), start);
            long caughtUp = awaitLag(stages, "metrics-service", METRICS_TOPICS, start);
            Map<String, ProcessStats> after = stats();
            SinglePostLatency.report(out, settings.singles(), settings.singlesRate(), result);
            out.printf(
                    "  processes (CPU from the first POST until every consumer caught up, %.1f s; per referral):%n",
                    seconds(start, caughtUp));
            before.forEach((name, b) -> out.printf(
                    "    %-22s cpu %6.2f ms per referral%n",
                    name, (after.get(name).cpuMillis() - b.cpuMillis()) / (double) settings.singles()));
            reportWal(walBefore, settings.singles(), 0);
        }
    }

    /**
     * The batches' bodies, built before the clock starts: the bench shares the stack's 2 cores, and a police extract
     * exists before it is sent.
     */
    private List<String> batchBodies() {
        BenchReferrals referrals = new BenchReferrals(Long.toString(System.currentTimeMillis(), 36), Instant.now());
        List<String> bodies = new ArrayList<>();
        for (int from = 0, b = 0; from < settings.referrals(); from += settings.batchSize(), b++) {
            bodies.add(referrals.batch(b, from, Math.min(settings.referrals(), from + settings.batchSize())));
        }
        return bodies;
    }

    /** Posts the batches, {@code inFlight} at a time; answers each accepted referral's id with its batch's POST time. */
    private Map<String, Long> post(List<String> bodies) throws Exception {
        Map<String, Long> postedAt = new ConcurrentHashMap<>();
        ExecutorService pool = Executors.newFixedThreadPool(settings.inFlight());
        try {
            List<Future<?>> batches = new ArrayList<>();
            for (String body : bodies) {
                batches.add(pool.submit(() -> {
                    postBatch(body, postedAt);
                    return null;
                }));
            }
            for (Future<?> batch : batches) {
                batch.get();
            }
        } finally {
            pool.shutdownNow();
        }
        return postedAt;
    }

    private void postBatch(String body, Map<String, Long> postedAt) throws IOException, InterruptedException {
        long sentAt = System.nanoTime();
        HttpRequest request = HttpRequest.newBuilder(URI.create(settings.ingest() + "/api/v1/referrals/batch"))
                .timeout(Duration.ofMinutes(2))
                .header("Content-Type", "application/json")
                .header("Authorization", "Bearer " + settings.token())
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .build();
        HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            out.printf(
                    "  a batch was answered %d: %s%n",
                    response.statusCode(),
                    response.body().substring(0, Math.min(300, response.body().length())));
            return;
        }
        for (JsonNode result : MAPPER.readTree(response.body()).path("results")) {
            if ("ACCEPTED".equals(result.path("status").asText())) {
                postedAt.put(result.path("referralId").asText(), sentAt);
            }
        }
    }

    private static long awaitLag(StageWatch stages, String group, List<String> topics, long start)
            throws InterruptedException {
        while (System.nanoTime() - start < GIVE_UP.toNanos()) {
            if (stages.lag(group, topics) == 0) {
                return System.nanoTime();
            }
            Thread.sleep(200);
        }
        throw new IllegalStateException(group + " did not catch up within " + GIVE_UP);
    }

    private long awaitCases(CaseWatch cases, Iterable<String> ids, long start) throws InterruptedException {
        while (System.nanoTime() - start < GIVE_UP.toNanos()) {
            long last = 0;
            boolean all = true;
            for (String id : ids) {
                Long at = cases.openedAt(id);
                if (at == null) {
                    all = false;
                    break;
                }
                last = Math.max(last, at);
            }
            if (all) {
                return last;
            }
            Thread.sleep(200);
        }
        throw new IllegalStateException("not every case was opened within " + GIVE_UP);
    }

    private static List<Double> latencies(Map<String, Long> postedAt, CaseWatch cases) {
        List<Double> millis = new ArrayList<>();
        postedAt.forEach((id, sent) -> millis.add((cases.openedAt(id) - sent) / 1e6));
        millis.sort(Double::compare);
        return millis;
    }

    private Map<String, ProcessStats> stats() {
        Map<String, ProcessStats> stats = new LinkedHashMap<>();
        settings.pids().forEach((name, pid) -> stats.put(name, ProcessStats.of(pid)));
        return stats;
    }

    private void report(
            double raw,
            Map<String, Double> finished,
            List<Double> latencies,
            Map<String, ProcessStats> before,
            Map<String, ProcessStats> after,
            double total) {
        int n = settings.referrals();
        double rate = n / total;
        out.printf(
                "%nPipeline: %,d priority referrals in JSON batches of %,d, %d in flight%n",
                n, settings.batchSize(), settings.inFlight());
        out.printf(
                "  end to end            %,.0f referrals/s (%.1f s from the first POST until all were counted)%n",
                rate, total);
        if (!Double.isNaN(raw)) {
            out.printf("  ratio to raw producer %.3f (raw %,.0f records/s)%n", rate / raw, raw);
        }
        out.println("  stages (each finished at, from the first POST; rate = referrals / that time):");
        finished.forEach((stage, s) -> out.printf("    %-28s %7.1f s  %,8.0f/s%n", stage, s, n / s));
        out.printf(
                "  POST to case opened     p50 %,.0f ms, p99 %,.0f ms, max %,.0f ms%n",
                Percentiles.of(latencies, 50), Percentiles.of(latencies, 99), latencies.get(latencies.size() - 1));
        out.println("  processes (CPU over the pipeline run, resident memory at its end):");
        before.forEach((name, b) -> {
            ProcessStats a = after.get(name);
            double cpu = a.cpuMillis() < 0 || b.cpuMillis() < 0 ? -1 : (a.cpuMillis() - b.cpuMillis()) / 1000.0;
            out.printf(
                    "    %-22s cpu %7.1f s (%5.0f%% of one core)  rss %,6d MiB%n",
                    name, cpu, 100 * cpu / total, a.residentKib() / 1024);
        });
    }

    private Map<String, StatementTimes.Totals> statementTimes() {
        return StatementTimes.snapshot(settings.dbUrl(), settings.dbUser(), settings.dbPassword());
    }

    private String walPosition() {
        return WalWritten.position(settings.dbUrl(), settings.dbUser(), settings.dbPassword());
    }

    private void reportWal(String before, int referrals, int topRelations) {
        WalWritten.report(
                out, settings.dbUrl(), settings.dbUser(), settings.dbPassword(), before, referrals, topRelations);
    }

    private Map<String, Long> plumbingRows() {
        return PlumbingRows.count(settings.dbUrl(), settings.dbUser(), settings.dbPassword());
    }

    private void reportRows(Map<String, Long> before, Map<String, Long> after) {
        if (after.isEmpty()) {
            return;
        }
        out.println("  plumbing rows (before → after; outboxes drain to 0, quarantines hold what an operator must see,"
                + " applied-event marks are pruned after 30 days):");
        after.forEach(
                (table, rows) -> out.printf("    %-32s %,9d → %,9d%n", table, before.getOrDefault(table, 0L), rows));
    }

    private static double seconds(long from, long to) {
        return (to - from) / 1e9;
    }
}
