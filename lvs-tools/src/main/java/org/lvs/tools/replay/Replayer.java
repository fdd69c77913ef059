package org.lvs.tools.replay;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.lvs.contract.referral.Referral;
import org.lvs.contract.referral.Source;
import org.lvs.tools.feed.CaseAction;
import org.lvs.tools.feed.CasePlan;
import org.lvs.tools.feed.Feed;
import org.lvs.tools.feed.FeedJson;
import org.lvs.tools.http.KeepAliveConnection;
import org.lvs.tools.http.KeepAliveConnection.Answer;

/**
 * Replays a feed through the public API as {@code admin} (historical replay, interfaces.md): referrals in JSON
 * batches of up to 10,000 with {@code receivedAt} (first versions, then amendments), then the case work with
 * {@code at}, many cases in flight at once, each case's actions in order. A case appears only once its referral has
 * passed triage, so a 404 is retried until it exists. Prints no personal data: only counts, statuses and field names.
 */
public final class Replayer {

    static final int BATCH_LIMIT = 10_000;
    private static final Duration CASE_WAIT = Duration.ofSeconds(240);

    private final String ingest;
    private final String cases;
    private final String authorization;
    private final int concurrency;
    /**
     * Each thread's kept-alive connection to each service (ingest for the batches, contact-sla for the case work): a
     * lean sender, since the replay shares the stack's 2 cores (docs/benchmarks.md).
     */
    private final ThreadLocal<Map<String, KeepAliveConnection>> connections =
            ThreadLocal.withInitial(LinkedHashMap::new);

    private final ConcurrentLinkedQueue<KeepAliveConnection> opened = new ConcurrentLinkedQueue<>();
    private final Map<String, String> referralIds = new ConcurrentHashMap<>();
    private final Map<String, AtomicLong> outcomes = new ConcurrentHashMap<>();
    private final Map<String, String> sampleProblems = new ConcurrentHashMap<>();

    public Replayer(String ingest, String cases, String token, int concurrency) {
        this.ingest = trim(ingest);
        this.cases = trim(cases);
        KeepAliveConnection.requireHttp(this.ingest);
        KeepAliveConnection.requireHttp(this.cases);
        this.authorization = "Bearer " + token;
        this.concurrency = concurrency;
    }

    /** Replays everything; true when every referral was accepted and every case action took effect. */
    public boolean replay(Feed feed) throws InterruptedException {
        long records = feed.firstVersions().size() + feed.amendments().size();
        long total = records + feed.actionCount();
        System.out.printf(
                "Replaying %,d referral records and %,d case actions (2017-18 Q1 and Q2) ...%n",
                records, feed.actionCount());
        try (ProgressBar bar = new ProgressBar(System.out, total)) {
            bar.phase("referrals");
            postReferrals(feed.firstVersions(), "v1", bar);
            bar.phase("amendments");
            postReferrals(feed.amendments(), "amend", bar);
            bar.phase("case work");
            replayCases(feed.cases(), bar);
        } finally {
            opened.forEach(KeepAliveConnection::close);
        }
        return report();
    }

    private void postReferrals(List<Referral> referrals, String label, ProgressBar bar) throws InterruptedException {
        Map<Source, List<Referral>> bySource = new LinkedHashMap<>();
        referrals.forEach(r ->
                bySource.computeIfAbsent(r.source(), s -> new ArrayList<>()).add(r));
        List<Runnable> batches = new ArrayList<>();
        for (Map.Entry<Source, List<Referral>> e : bySource.entrySet()) {
            List<Referral> all = e.getValue();
            for (int from = 0, n = 1; from < all.size(); from += BATCH_LIMIT, n++) {
                List<Referral> chunk = all.subList(from, Math.min(all.size(), from + BATCH_LIMIT));
                String batchId =
                        "demo-%s-%s-%02d".formatted(label, e.getKey().name().toLowerCase(), n);
                batches.add(() -> postBatch(batchId, e.getKey(), chunk, bar));
            }
        }
        // Two batches in flight: ingest publishes one while it parses the next.
        ExecutorService pool = Executors.newFixedThreadPool(2, daemon("batch"));
        List<Future<?>> futures = new ArrayList<>();
        for (Runnable batch : batches) {
            futures.add(pool.submit(batch));
        }
        for (Future<?> f : futures) {
            try {
                f.get();
            } catch (java.util.concurrent.ExecutionException e) {
                throw new IllegalStateException(e.getCause().getMessage(), e.getCause());
            }
        }
        pool.shutdown();
    }

    private void postBatch(String batchId, Source source, List<Referral> chunk, ProgressBar bar) {
        ObjectNode body = FeedJson.batch(batchId, source, chunk, true);
        JsonNode answer = null;
        for (int attempt = 1; answer == null; attempt++) {
            Answer response = send(ingest, "/api/v1/referrals/batch", body.toString(), Duration.ofMinutes(3));
            int status = response == null ? 0 : response.status();
            if (status == 200) {
                answer = parse(response.text());
            } else if (attempt < 8 && (status == 0 || status == 429 || status >= 500)) {
                sleep(Math.min(10_000, 1000L * attempt));
            } else {
                throw new IllegalStateException(
                        "batch " + batchId + " failed: HTTP " + status + " " + problemTitle(response));
            }
        }
        for (JsonNode result : answer.path("results")) {
            String status = result.path("status").asText("UNKNOWN");
            count("referral " + status);
            String ref = result.path("sourceReference").asText(null);
            if (ref == null) {
                int index = result.path("index").asInt(-1);
                ref = index >= 0 && index < chunk.size() ? chunk.get(index).sourceReference() : null;
            }
            if (!result.path("referralId").isMissingNode()
                    && !result.path("referralId").isNull()
                    && ref != null) {
                referralIds.put(key(source, ref), result.path("referralId").asText());
            }
            if (status.equals("REJECTED")) {
                List<String> fields = new ArrayList<>();
                result.path("errors").forEach(e -> fields.add(e.path("field").asText()));
                sampleProblems.putIfAbsent("referral rejected", "fields " + fields);
            }
        }
        bar.add(chunk.size());
    }

    private void replayCases(List<CasePlan> plans, ProgressBar bar) throws InterruptedException {
        List<CasePlan> ordered = new ArrayList<>(plans);
        ordered.sort(Comparator.comparing(CasePlan::clockStart));
        ExecutorService pool = Executors.newFixedThreadPool(concurrency, daemon("case"));
        for (CasePlan plan : ordered) {
            pool.submit(() -> replayCase(plan, bar));
        }
        pool.shutdown();
        if (!pool.awaitTermination(30, TimeUnit.MINUTES)) {
            pool.shutdownNow();
            count("case work timed out");
        }
    }

    private void replayCase(CasePlan plan, ProgressBar bar) {
        String id = referralIds.get(key(plan.source(), plan.sourceReference()));
        if (id == null) {
            count("case skipped (referral not accepted)");
            bar.add(plan.actions().size());
            return;
        }
        long deadline = System.nanoTime() + CASE_WAIT.toNanos();
        for (int i = 0; i < plan.actions().size(); i++) {
            CaseAction action = plan.actions().get(i);
            String outcome = act(id, action, deadline);
            bar.add(1);
            count("action " + action.path().replaceAll("services/.*/start", "services/start") + " " + outcome);
            if (outcome.equals("missing")) {
                // The case never appeared: its remaining actions cannot take effect either.
                bar.add(plan.actions().size() - i - 1);
                return;
            }
        }
    }

    /** Posts one action, retrying while the case does not exist yet; answers a short outcome for the tally. */
    private String act(String referralId, CaseAction action, long deadline) {
        ObjectNode body = FeedJson.MAPPER.valueToTree(action.body());
        body.put(
                "at",
                java.time.format.DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(
                        action.at().atZone(org.lvs.tools.feed.Quarter.LONDON)));
        String path = "/api/v1/cases/" + referralId + "/" + action.path();
        long backoff = 200;
        int failures = 0;
        while (true) {
            Answer response = send(cases, path, body.toString(), Duration.ofSeconds(30));
            int status = response == null ? 0 : response.status();
            if (status >= 200 && status < 300) {
                return "ok";
            }
            if (status == 401) {
                throw new IllegalStateException("the token was refused (401): is it an admin token for this stack?");
            }
            boolean retry = status == 404 || status == 0 || status == 429 || status == 503 || status == 502;
            if (retry && System.nanoTime() < deadline && failures < 1000) {
                failures++;
                sleep(backoff);
                backoff = Math.min(1000, backoff * 2);
                continue;
            }
            String outcome = status == 404 ? "missing" : "HTTP " + status;
            sampleProblems.putIfAbsent(action.path() + " " + outcome, problemTitle(response));
            return outcome;
        }
    }

    /** One POST on this thread's connection to {@code base}; null when no answer came (the caller retries). */
    private Answer send(String base, String path, String json, Duration timeout) {
        KeepAliveConnection connection = connections.get().computeIfAbsent(base, b -> {
            KeepAliveConnection c = new KeepAliveConnection(
                    b, "Content-Type: application/json", "Accept: application/json", "Authorization: " + authorization);
            opened.add(c);
            return c;
        });
        try {
            return connection.post(path, json.getBytes(StandardCharsets.UTF_8), (int) timeout.toMillis());
        } catch (IOException e) {
            return null;
        }
    }

    private boolean report() {
        System.out.println("Replay results:");
        outcomes.entrySet().stream()
                .sorted(Map.Entry.comparingByKey())
                .forEach(e -> System.out.printf(
                        "  %-48s %,d%n", e.getKey(), e.getValue().get()));
        sampleProblems.forEach((what, detail) -> System.out.println("  e.g. " + what + ": " + detail));
        return outcomes.keySet().stream()
                .noneMatch(k -> k.contains("REJECTED")
                        || k.contains("HTTP")
                        || k.contains("missing")
                        || k.contains("skipped")
                        || k.contains("timed out"));
    }

    private void count(String what) {
        outcomes.computeIfAbsent(what, k -> new AtomicLong()).incrementAndGet();
    }

    private static String problemTitle(Answer response) {
        if (response == null) {
            return "no answer";
        }
        JsonNode problem = parse(response.text());
        if (problem == null) {
            return "";
        }
        StringBuilder s = new StringBuilder(problem.path("title").asText(""));
        if (problem.hasNonNull("detail")) {
            s.append(": ").append(problem.get("detail").asText());
        }
        problem.path("errors")
                .forEach(e -> s.append(" [").append(e.path("field").asText()).append("]"));
        return s.toString();
    }

    private static JsonNode parse(String body) {
        try {
            return FeedJson.MAPPER.readTree(body);
        } catch (IOException e) {
            return null;
        }
    }

    private static String key(Source source, String sourceReference) {
        return source.name() + "/" + sourceReference;
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static String trim(String url) {
        return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }

    private static java.util.concurrent.ThreadFactory daemon(String name) {
        AtomicLong n = new AtomicLong();
        return r -> {
            Thread t = new Thread(r, name + "-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
    }
}
