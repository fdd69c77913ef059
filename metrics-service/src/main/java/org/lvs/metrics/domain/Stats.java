package org.lvs.metrics.domain;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Arrays;
import java.util.Collection;

/** The few statistics the figures use, defined once: nearest-rank percentiles and half-up rounding. */
public final class Stats {

    private Stats() {}

    /**
     * Nearest-rank percentile: the smallest value such that at least {@code percent}% of the values are at or below
     * it, i.e. the value at rank ceil(p/100 × n) of the sorted values. Null when there are no values.
     */
    public static Double nearestRank(Collection<Double> values, int percent) {
        if (percent <= 0 || percent > 100) {
            throw new IllegalArgumentException("percent must be 1 to 100");
        }
        if (values.isEmpty()) {
            return null;
        }
        // sorted unboxed: the summary takes percentiles of every case of a period (Double.compare's order, as
        // Collections.sort would give)
        double[] sorted = values.stream().mapToDouble(Double::doubleValue).toArray();
        Arrays.sort(sorted);
        // ceil(p × n / 100) in integer arithmetic, so no floating error moves a rank
        int rank = (int) (((long) percent * sorted.length + 99) / 100);
        return sorted[rank - 1];
    }

    public static Double median(Collection<Double> values) {
        return nearestRank(values, 50);
    }

    public static Double p90(Collection<Double> values) {
        return nearestRank(values, 90);
    }

    /** {@code numerator × 100 / denominator}, half-up to one decimal; null when the denominator is 0. */
    public static BigDecimal percent(long numerator, long denominator) {
        if (denominator == 0) {
            return null;
        }
        return BigDecimal.valueOf(numerator)
                .multiply(BigDecimal.valueOf(100))
                .divide(BigDecimal.valueOf(denominator), 1, RoundingMode.HALF_UP);
    }

    /** Half-up rounding of a measured value (decimal, not binary, so 2.25 → 2.3). Null stays null. */
    public static BigDecimal halfUp(Double value, int scale) {
        if (value == null) {
            return null;
        }
        return new BigDecimal(Double.toString(value)).setScale(scale, RoundingMode.HALF_UP);
    }
}
