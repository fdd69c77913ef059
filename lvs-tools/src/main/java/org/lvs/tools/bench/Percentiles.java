package org.lvs.tools.bench;

import java.util.List;

/** Nearest-rank percentiles of a sorted list. */
final class Percentiles {

    private Percentiles() {}

    static double of(List<Double> sorted, int p) {
        int index = (int) Math.ceil(p / 100.0 * sorted.size()) - 1;
        return sorted.get(Math.max(0, Math.min(sorted.size() - 1, index)));
    }
}
