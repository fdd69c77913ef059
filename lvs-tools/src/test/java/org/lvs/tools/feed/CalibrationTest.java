package org.lvs.tools.feed;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class CalibrationTest {

    @Test
    void seedReportSettingsDeriveQ1FromTheYearToDate() {
        FeedSettings s = FeedSettings.seedReport();
        assertEquals(15_072, s.q2Referrals());
        assertEquals(31_148 - 15_072, s.q1Referrals());
        assertEquals(0.64, s.priorityWithin48h(Quarter.Q1));
        assertEquals(0.45, s.priorityWithin48h(Quarter.Q2));
    }

    @Test
    void withinCountRoundsToTheNearestCase() {
        assertEquals(64, Calibration.withinCount(0.64, 100));
        assertEquals(2123, Calibration.withinCount(0.45, 4717));
        assertEquals(0, Calibration.withinCount(0.45, 0));
    }

    @Test
    void percentIsRoundedHalfUpToOneDecimalAndNullWithoutDenominator() {
        assertEquals(45.0, Calibration.percent(2123, 4717));
        assertEquals(66.7, Calibration.percent(2, 3));
        assertEquals(12.5, Calibration.percent(1, 8));
        assertNull(Calibration.percent(0, 0));
    }

    @Test
    void toleranceIsRelative() {
        assertTrue(Calibration.within(15_300, 15_072, 0.02));
        assertFalse(Calibration.within(15_500, 15_072, 0.02));
        assertTrue(Calibration.within(45.8, 45, 0.02));
    }

    @Test
    void quartersFollowLondonDatesAtTheBoundaries() {
        // 30 June 23:30 London (BST) is 22:30 UTC: still Q1; 1 July 00:30 London is 30 June 23:30 UTC: Q2.
        assertEquals(Quarter.Q1, Quarter.of(Instant.parse("2017-06-30T22:30:00Z")));
        assertEquals(Quarter.Q2, Quarter.of(Instant.parse("2017-06-30T23:30:00Z")));
        assertEquals(Quarter.Q1, Quarter.of(Instant.parse("2017-03-31T23:30:00Z")));
        assertNull(Quarter.of(Instant.parse("2017-09-30T23:30:00Z")));
    }
}
