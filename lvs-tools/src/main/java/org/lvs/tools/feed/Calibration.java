package org.lvs.tools.feed;

/** The arithmetic of the calibration, kept apart so it is tested on its own. */
public final class Calibration {

    private Calibration() {}

    /** How many of {@code decided} priority cases must be contacted within 48 h to show {@code share}. */
    public static int withinCount(double share, int decided) {
        return (int) Math.round(share * decided);
    }

    /** metrics.md: a percentage rounded half-up to one decimal, null when there is nothing to divide by. */
    public static Double percent(long count, long of) {
        if (of == 0) {
            return null;
        }
        return java.math.BigDecimal.valueOf(count * 100.0 / of)
                .setScale(1, java.math.RoundingMode.HALF_UP)
                .doubleValue();
    }

    /** Whether {@code actual} is within {@code tolerance} (relative, 0.02 = 2%) of {@code expected}. */
    public static boolean within(double actual, double expected, double tolerance) {
        return Math.abs(actual - expected) <= Math.abs(expected) * tolerance;
    }
}
