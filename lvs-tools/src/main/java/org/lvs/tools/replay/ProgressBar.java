package org.lvs.tools.replay;

import java.io.PrintStream;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * One line of progress: a bar, records done of the total, the rate and the time left. Redrawn in place on a
 * terminal; on a pipe (CI logs) a plain line every few seconds instead.
 */
public final class ProgressBar implements AutoCloseable {

    private static final int WIDTH = 30;

    private final PrintStream out;
    private final boolean terminal;
    private final long startNanos = System.nanoTime();
    private final AtomicLong done = new AtomicLong();
    private final ScheduledExecutorService ticker = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "progress");
        t.setDaemon(true);
        return t;
    });
    private volatile long total;
    private volatile String phase = "";
    private long lastPlainPrint;

    public ProgressBar(PrintStream out, long total) {
        this.out = out;
        this.total = total;
        this.terminal = System.console() != null && !"dumb".equals(System.getenv("TERM"));
        ticker.scheduleAtFixedRate(this::draw, 0, terminal ? 250 : 1000, TimeUnit.MILLISECONDS);
    }

    public void phase(String name) {
        this.phase = name;
    }

    public void add(long n) {
        done.addAndGet(n);
    }

    public void setTotal(long total) {
        this.total = total;
    }

    public long done() {
        return done.get();
    }

    public double elapsedSeconds() {
        return (System.nanoTime() - startNanos) / 1e9;
    }

    private synchronized void draw() {
        String line = line();
        if (terminal) {
            out.print("\r" + line + "\u001b[K");
            out.flush();
        } else {
            long now = System.nanoTime();
            if (now - lastPlainPrint > 5_000_000_000L) {
                lastPlainPrint = now;
                out.println(line);
            }
        }
    }

    String line() {
        long d = done.get();
        long t = Math.max(1, total);
        double elapsed = elapsedSeconds();
        double rate = elapsed > 0 ? d / elapsed : 0;
        int filled = (int) Math.min(WIDTH, WIDTH * d / t);
        String eta = rate > 0 && d < t ? clock((long) ((t - d) / rate)) : "--:--";
        return "[%s%s] %,d/%,d records %,.0f/s ETA %s  %s"
                .formatted("#".repeat(filled), ".".repeat(WIDTH - filled), d, t, rate, eta, phase);
    }

    static String clock(long seconds) {
        return "%d:%02d".formatted(seconds / 60, seconds % 60);
    }

    @Override
    public synchronized void close() {
        ticker.shutdownNow();
        if (terminal) {
            out.print("\r" + line() + "\u001b[K");
        }
        out.println(terminal ? "" : line());
        out.flush();
    }
}
