package org.lvs.sla.persistence;

/**
 * A list's total, counted up to a cap. An exact {@code count(*)} grows with the list: at 1,000,000 cases the 150,000
 * breaches met late or still open took about 15 ms of parallel index scan for every page asked for, more than the page
 * itself. Counting stops one row past the cap instead, so a page's total costs at most that many index entries however
 * long the list grows. Past the cap a list answers {@code total} = the cap with {@code totalCapped} true: at least
 * that many, which is all a handler paging through a list needs; the cursor ({@code next}) reads on past it.
 */
public final class CappedCount {

    /** Lists count their rows exactly up to this many. */
    public static final int CAP = 10_000;

    private CappedCount() {}

    /** The statement that counts the rows of {@code fromWhere} ({@code " from ... where ..."}), one past the cap. */
    static String sql(String fromWhere) {
        return "select count(*) from (select 1" + fromWhere + " limit " + (CAP + 1) + ") as counted";
    }

    /** The total a page reports for what {@link #sql} counted. */
    static long total(long counted) {
        return Math.min(counted, CAP);
    }

    /** Whether the list holds more rows than {@link #total} says. */
    static boolean capped(long counted) {
        return counted > CAP;
    }
}
