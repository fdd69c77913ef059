package org.lvs.tools.bench;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import org.lvs.tools.http.KeepAliveConnection;

/**
 * Single referrals ({@code POST /api/v1/referrals}) sent at a fixed rate, open loop: each request leaves at its
 * scheduled time whether or not earlier ones were answered, and its latency is measured from that scheduled time, so
 * a stall shows in the figures instead of slowing the sender down (no coordinated omission). Prints the percentiles;
 * asserts nothing.
 */
final class SinglePostLatency {

    /**
     * What the step measured: latencies in ms of the 202s, sorted; the same latencies by the window of
     * {@link #WINDOW_SECONDS} in which each request was scheduled; how late the sender itself was at worst in each
     * window (a busy client would otherwise pass for a slow server); answers by status (0 = no answer); the rate
     * achieved.
     */
    record Result(
            List<Double> acceptedMillis,
            Map<Integer, List<Double>> acceptedMillisByWindow,
            Map<Integer, Double> senderLateMillisByWindow,
            Map<Integer, Integer> byStatus,
            double achievedPerSecond) {}

    /**
     * The report's windows: a p99 that comes from one stall at the start (a cold path, a collection, the consumers of
     * an earlier burst still busy) reads differently from one spread over the whole run.
     */
    static final int WINDOW_SECONDS = 5;

    /**
     * Requests in flight at most, one kept-alive connection each. Past that a request waits in the sender's queue, and
     * its wait counts in its latency as a server's queue would.
     */
    static final int CONNECTIONS = 64;

    private static final int ANSWER_TIMEOUT_MILLIS = 30_000;

    private final String ingest;
    private final String token;

    SinglePostLatency(String ingest, String token) {
        KeepAliveConnection.requireHttp(ingest);
        this.ingest = ingest;
        this.token = token;
    }

    Result run(BenchReferrals referrals, int count, double perSecond) throws InterruptedException {
        long interval = (long) (1e9 / perSecond);
        // Every body is built before the clock starts, so the sender only keeps time.
        List<byte[]> bodies = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            bodies.add(referrals.single(i).getBytes(StandardCharsets.UTF_8));
        }
        ConcurrentLinkedQueue<double[]> accepted = new ConcurrentLinkedQueue<>();
        Map<Integer, Integer> byStatus = new ConcurrentHashMap<>();
        Map<Integer, Double> senderLate = new TreeMap<>();
        BlockingQueue<Integer> due = new LinkedBlockingQueue<>();
        // The clock starts once every sender runs with its connection open: starting 64 threads and opening 64
        // connections made the sender itself up to 130 ms late for the first requests, and counted that in their
        // latency (docs/benchmarks.md, eighteenth session).
        CountDownLatch ready = new CountDownLatch(CONNECTIONS);
        AtomicLong startedAt = new AtomicLong();
        List<Thread> senders = new ArrayList<>(CONNECTIONS);
        for (int c = 0; c < CONNECTIONS; c++) {
            Thread t = new Thread(
                    () -> send(due, bodies, ready, startedAt, interval, accepted, byStatus), "single-referrals-" + c);
            t.setDaemon(true);
            t.start();
            senders.add(t);
        }
        ready.await();
        long start = System.nanoTime();
        startedAt.set(start);
        for (int i = 0; i < count; i++) {
            long scheduled = start + i * interval;
            LockSupport.parkNanos(scheduled - System.nanoTime());
            senderLate.merge(window((scheduled - start) / 1e9), (System.nanoTime() - scheduled) / 1e6, Math::max);
            due.add(i);
        }
        for (int c = 0; c < CONNECTIONS; c++) {
            due.add(-1);
        }
        for (Thread t : senders) {
            t.join();
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        List<Double> sorted = new ArrayList<>();
        accepted.forEach(a -> sorted.add(a[1]));
        sorted.sort(Double::compare);
        return new Result(sorted, byWindow(accepted), senderLate, new TreeMap<>(byStatus), count / seconds);
    }

    /** One connection's loop: takes the next due request, sends it, records its answer; -1 ends it. */
    private void send(
            BlockingQueue<Integer> due,
            List<byte[]> bodies,
            CountDownLatch ready,
            AtomicLong startedAt,
            long interval,
            ConcurrentLinkedQueue<double[]> accepted,
            Map<Integer, Integer> byStatus) {
        try (KeepAliveConnection connection =
                new KeepAliveConnection(ingest, "Content-Type: application/json", "Authorization: Bearer " + token)) {
            try {
                connection.connect();
            } catch (IOException e) {
                // the first request opens it again, and its time then counts
            } finally {
                ready.countDown();
            }
            for (int i = due.take(); i >= 0; i = due.take()) {
                long start = startedAt.get();
                long scheduled = start + i * interval;
                int status;
                try {
                    status = connection
                            .post("/api/v1/referrals", bodies.get(i), ANSWER_TIMEOUT_MILLIS)
                            .status();
                } catch (IOException e) {
                    status = 0;
                }
                byStatus.merge(status, 1, Integer::sum);
                if (status == 202) {
                    accepted.add(new double[] {(scheduled - start) / 1e9, (System.nanoTime() - scheduled) / 1e6});
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * Latencies by the window their request was due in, each window's sorted.
     *
     * @param dueAndMillis pairs of when a request was due (seconds from the first) and its latency in ms
     */
    static Map<Integer, List<Double>> byWindow(Collection<double[]> dueAndMillis) {
        Map<Integer, List<Double>> byWindow = new TreeMap<>();
        for (double[] a : dueAndMillis) {
            byWindow.computeIfAbsent(window(a[0]), w -> new ArrayList<>()).add(a[1]);
        }
        byWindow.values().forEach(w -> w.sort(Double::compare));
        return byWindow;
    }

    /** The window a request belongs to, by when it was due (seconds from the first). */
    private static int window(double dueSeconds) {
        return (int) (dueSeconds / WINDOW_SECONDS);
    }

    static void report(PrintStream out, int count, double perSecond, Result result) {
        out.printf(
                "%nSingle referrals: %,d POST /api/v1/referrals at %,.0f/s, open loop (achieved %,.0f/s)%n",
                count, perSecond, result.achievedPerSecond());
        out.printf("  answers by status     %s%n", result.byStatus());
        List<Double> ms = result.acceptedMillis();
        if (ms.isEmpty()) {
            out.println("  no 202 answers: no latency to report");
            return;
        }
        out.printf(
                "  latency of the 202s   p50 %.1f ms, p95 %.1f ms, p99 %.1f ms, max %.1f ms%n",
                Percentiles.of(ms, 50), Percentiles.of(ms, 95), Percentiles.of(ms, 99), ms.get(ms.size() - 1));
        out.printf(
                "  by when they were due (%d s windows): p50 / p99 / max ms of the 202s (how many); the sender's own"
                        + " worst lateness%n",
                WINDOW_SECONDS);
        result.acceptedMillisByWindow()
                .forEach((window, w) -> out.printf(
                        "    %3d-%3d s  %8.1f / %8.1f / %8.1f  (%,d)  sender late %.1f ms%n",
                        window * WINDOW_SECONDS,
                        (window + 1) * WINDOW_SECONDS,
                        Percentiles.of(w, 50),
                        Percentiles.of(w, 99),
                        w.get(w.size() - 1),
                        w.size(),
                        result.senderLateMillisByWindow().getOrDefault(window, 0.0)));
    }
}
