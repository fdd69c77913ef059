package org.lvs.metrics.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.math.BigDecimal;
import java.util.List;
import org.junit.jupiter.api.Test;

class StatsTest {

    @Test
    void nearestRankMedianTakesTheLowerMiddleOfAnEvenCount() {
        assertEquals(2.0, Stats.median(List.of(4.0, 1.0, 3.0, 2.0)));
        assertEquals(3.0, Stats.median(List.of(5.0, 1.0, 3.0, 2.0, 4.0)));
        assertEquals(7.0, Stats.median(List.of(7.0)));
    }

    @Test
    void nearestRankP90() {
        List<Double> tenValues = List.of(10.0, 9.0, 8.0, 7.0, 6.0, 5.0, 4.0, 3.0, 2.0, 1.0);
        assertEquals(9.0, Stats.p90(tenValues));
        // rank ceil(0.9 × 11) = 10
        assertEquals(10.0, Stats.p90(List.of(1.0, 2.0, 3.0, 4.0, 5.0, 6.0, 7.0, 8.0, 9.0, 10.0, 11.0)));
        assertEquals(1.0, Stats.p90(List.of(1.0)));
        assertEquals(2.0, Stats.p90(List.of(1.0, 2.0)));
        assertEquals(20.0, Stats.nearestRank(List.of(15.0, 20.0, 35.0, 40.0, 50.0), 30));
        assertEquals(50.0, Stats.nearestRank(List.of(15.0, 20.0, 35.0, 40.0, 50.0), 100));
    }

    @Test
    void noValuesNoPercentile() {
        assertNull(Stats.median(List.of()));
        assertNull(Stats.p90(List.of()));
        assertThrows(IllegalArgumentException.class, () -> Stats.nearestRank(List.of(1.0), 0));
    }

    @Test
    void percentRoundsHalfUpToOneDecimal() {
        assertEquals(new BigDecimal("33.3"), Stats.percent(1, 3));
        assertEquals(new BigDecimal("66.7"), Stats.percent(2, 3));
        // 1/8 = 12.5 exactly; 1/16 = 6.25 → 6.3 (half-up, not half-even)
        assertEquals(new BigDecimal("12.5"), Stats.percent(1, 8));
        assertEquals(new BigDecimal("6.3"), Stats.percent(1, 16));
        assertEquals(new BigDecimal("0.1"), Stats.percent(1, 2000));
        assertEquals(new BigDecimal("0.0"), Stats.percent(1, 2001));
        assertEquals(new BigDecimal("100.0"), Stats.percent(5, 5));
        assertNull(Stats.percent(0, 0));
    }

    @Test
    void halfUpOfMeasuredValuesIsDecimal() {
        assertEquals(new BigDecimal("2.3"), Stats.halfUp(2.25, 1));
        assertEquals(new BigDecimal("2.2"), Stats.halfUp(2.24999, 1));
        assertNull(Stats.halfUp(null, 1));
    }

    @Test
    void shares() {
        Share share = Share.of(3, 4);
        assertEquals(3, share.count());
        assertEquals(4, share.of());
        assertEquals(new BigDecimal("75.0"), share.percent());
        assertNull(Share.of(0, 0).percent());
        assertThrows(IllegalArgumentException.class, () -> Share.of(5, 4));
    }
}
