package org.lvs.metrics.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class CaseTimingTest {

    private static final Instant START = Instant.parse("2017-07-03T09:00:00Z");

    private static CaseTiming timing(String state, long pausedSeconds, Instant firstContact) {
        return new CaseTiming("CORE", state, START, pausedSeconds, firstContact);
    }

    @Test
    void pausedTimeIsExcludedFromTheTimeToFirstContact() {
        CaseTiming t = timing("MET", 10 * 3600, START.plusSeconds(58 * 3600));
        assertEquals(48.0, t.hoursToFirstContact());
        assertTrue(t.contactedWithin(48), "exactly 48 hours counts as within");
        assertFalse(timing("MET", 10 * 3600 - 1, START.plusSeconds(58 * 3600)).contactedWithin(48));
    }

    @Test
    void decidedForThe48HourFigureMeansContactedOrBreachedAndNotCancelled() {
        assertTrue(timing("MET_LATE", 0, START.plusSeconds(50 * 3600)).decidedFor48h());
        assertTrue(timing("BREACHED", 0, null).decidedFor48h());
        assertFalse(timing("RUNNING", 0, null).decidedFor48h());
        assertFalse(timing("AT_RISK", 0, null).decidedFor48h());
        assertFalse(timing("CANCELLED", 0, null).decidedFor48h());
    }

    @Test
    void decidedForThe72HourFigureCountsLongUncontactedCases() {
        Instant now = START.plusSeconds(80 * 3600);
        assertTrue(timing("BREACHED", 0, null).decidedFor72h(now));
        // 80 hours since the start, 10 of them paused: 70 unpaused hours, not yet past 72
        assertFalse(timing("BREACHED", 10 * 3600, null).decidedFor72h(now));
        assertFalse(timing("CANCELLED", 0, null).decidedFor72h(now));
        assertTrue(timing("MET", 0, START.plusSeconds(3600)).decidedFor72h(now));
    }

    @Test
    void notContactedHasNoTime() {
        assertNull(timing("RUNNING", 0, null).hoursToFirstContact());
        assertFalse(timing("RUNNING", 0, null).contactedWithin(48));
    }
}
