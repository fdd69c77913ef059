package org.lvs.metrics.persistence;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

/**
 * The two sets of fact tables: the {@link #LIVE} tables every figure is read from, and the {@link #SHADOW} tables a
 * rebuild fills ({@code <table>_next}) before it swaps them in by renaming (README, rebuilding the figures). Each set
 * holds its own applied-event marks ({@code applied_event}), so an event counts once per set and the marks move with
 * the facts they guard.
 *
 * <p>SQL is written once against the live names; {@link #sql} rewrites the table names for the shadow set.
 */
public enum FactTables {
    LIVE("", 0),
    SHADOW("_next", 1);

    /**
     * Every table of a set, including its applied-event marks and running counts (whose triggers on the set's tables
     * write to the set's own {@code gauge_count}). Figures read them; a rebuild replaces them all.
     */
    public static final List<String> TABLES = List.of(
            "decision_fact",
            "referral_fact",
            "case_fact",
            "case_state_fact",
            "contact_fact",
            "service_event_fact",
            "outcome_fact",
            "intake_fact",
            "erasure_fact",
            "applied_event",
            "gauge_count");

    private static final Pattern NAMES = Pattern.compile("\\b(" + String.join("|", TABLES) + ")\\b");

    private final String suffix;
    private final int lockSeed;
    private final Map<String, String> rewritten = new ConcurrentHashMap<>();

    FactTables(String suffix, int lockSeed) {
        this.suffix = suffix;
        this.lockSeed = lockSeed;
    }

    /** The statement with this set's table names. */
    public String sql(String liveSql) {
        if (suffix.isEmpty()) {
            return liveSql;
        }
        return rewritten.computeIfAbsent(liveSql, s -> NAMES.matcher(s).replaceAll("$1" + suffix));
    }

    /** What this set's table names add to the live ones. */
    public String suffix() {
        return suffix;
    }

    /** This set's name of a table of {@link #TABLES}. */
    public String table(String liveName) {
        if (!TABLES.contains(liveName)) {
            throw new IllegalArgumentException("not a fact table: " + liveName);
        }
        return liveName + suffix;
    }

    /**
     * The seed of the per-referral advisory locks ({@code hashtextextended(referralId, seed)}) that serialise writes
     * of one referral in this set. The sets use different keys: a live batch that also writes the shadow set holds
     * its live locks while it waits for shadow ones, which the rebuild's reader takes alone, so no cycle can form.
     */
    public int lockSeed() {
        return lockSeed;
    }
}
