package org.lvs.metrics.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;

class ReportingPeriodTest {

    private static ReportingPeriod name(String text) {
        return PeriodName.parse(text).orElseThrow(() -> new AssertionError("expected " + text + " to parse"));
    }

    private static ReportingPeriod range(String from, String to) {
        return ReportingPeriod.range(LocalDate.parse(from), LocalDate.parse(to));
    }

    @Test
    void financialYearRunsAprilToMarch() {
        ReportingPeriod year = name("2017-18");
        assertEquals(LocalDate.of(2017, 4, 1), year.from());
        assertEquals(LocalDate.of(2018, 3, 31), year.to());
        assertEquals(ReportingPeriod.Kind.YEAR, year.kind());
        assertEquals("2017-18", year.name());
    }

    @Test
    void quartersOfTheFinancialYear() {
        assertEquals(LocalDate.of(2017, 4, 1), name("2017-18-Q1").from());
        assertEquals(LocalDate.of(2017, 6, 30), name("2017-18-Q1").to());
        assertEquals(LocalDate.of(2017, 7, 1), name("2017-18-Q2").from());
        assertEquals(LocalDate.of(2017, 9, 30), name("2017-18-Q2").to());
        assertEquals(LocalDate.of(2017, 10, 1), name("2017-18-Q3").from());
        assertEquals(LocalDate.of(2018, 1, 1), name("2017-18-Q4").from());
        assertEquals(LocalDate.of(2018, 3, 31), name("2017-18-Q4").to());
        assertEquals(LocalDate.of(2000, 1, 1), name("1999-00-Q4").from());
    }

    @Test
    void boundariesAreLondonMidnightAcrossSummerTime() {
        ReportingPeriod q2 = name("2017-18-Q2");
        // 1 July 2017 is in BST (UTC+1): the quarter starts at 23:00 UTC the day before
        assertEquals(Instant.parse("2017-06-30T23:00:00Z"), q2.start());
        // 30 September 2017 is in BST too: the quarter ends at 23:00 UTC on the 30th
        assertEquals(Instant.parse("2017-09-30T23:00:00Z"), q2.endExclusive());
        ReportingPeriod q3 = name("2017-18-Q3");
        // 31 December is GMT
        assertEquals(Instant.parse("2018-01-01T00:00:00Z"), q3.endExclusive());
        assertTrue(q2.contains(Instant.parse("2017-06-30T23:00:00Z")));
        assertFalse(q2.contains(Instant.parse("2017-06-30T22:59:59Z")));
        assertFalse(q2.contains(Instant.parse("2017-09-30T23:00:00Z")));
        ReportingPeriod year = name("2017-18");
        assertEquals(Instant.parse("2017-03-31T23:00:00Z"), year.start());
        assertEquals(Instant.parse("2018-03-31T23:00:00Z"), year.endExclusive());
    }

    @Test
    void aRangeThatCrossesTheClockChangeIsWholeLondonDays() {
        ReportingPeriod day = range("2017-03-26", "2017-03-26");
        // the day the clocks go forward has 23 hours
        assertEquals(Instant.parse("2017-03-26T00:00:00Z"), day.start());
        assertEquals(Instant.parse("2017-03-26T23:00:00Z"), day.endExclusive());
        assertEquals(1, day.days());
    }

    @Test
    void previousPeriods() {
        assertEquals("2017-18-Q1", name("2017-18-Q2").previous().name());
        assertEquals("2016-17-Q4", name("2017-18-Q1").previous().name());
        assertEquals("2017-18-Q3", name("2017-18-Q4").previous().name());
        assertEquals("2016-17", name("2017-18").previous().name());
        ReportingPeriod range = range("2017-07-10", "2017-07-16");
        ReportingPeriod before = range.previous();
        assertEquals(LocalDate.of(2017, 7, 3), before.from());
        assertEquals(LocalDate.of(2017, 7, 9), before.to());
        assertEquals(7, before.days());
    }

    @Test
    void nextPeriods() {
        assertEquals("2017-18-Q3", name("2017-18-Q2").next().name());
        assertEquals("2018-19-Q1", name("2017-18-Q4").next().name());
        assertEquals("2018-19", name("2017-18").next().name());
        ReportingPeriod range = range("2017-07-10", "2017-07-16");
        assertEquals(LocalDate.of(2017, 7, 17), range.next().from());
        assertEquals(LocalDate.of(2017, 7, 23), range.next().to());
        assertEquals(range, range.next().previous());
    }

    @Test
    void theFinancialYearAPeriodEndsIn() {
        assertEquals("2017-18", name("2017-18-Q2").financialYear().name());
        assertEquals("2017-18", name("2017-18-Q4").financialYear().name());
        assertEquals("2017-18", name("2017-18").financialYear().name());
        assertEquals(
                "2018-19", range("2018-03-01", "2018-04-10").financialYear().name());
    }

    @Test
    void yearToDateRunsFromTheStartOfTheFinancialYearToThePeriodEnd() {
        ReportingPeriod ytd = name("2017-18-Q2").yearToDate();
        assertEquals(LocalDate.of(2017, 4, 1), ytd.from());
        assertEquals(LocalDate.of(2017, 9, 30), ytd.to());
        assertEquals(LocalDate.of(2018, 3, 31), name("2017-18-Q4").yearToDate().to());
        assertEquals(LocalDate.of(2017, 4, 1), name("2017-18-Q4").yearToDate().from());
        assertEquals(name("2017-18"), name("2017-18").yearToDate());
        ReportingPeriod range = range("2018-03-01", "2018-04-10");
        assertEquals(LocalDate.of(2018, 4, 1), range.yearToDate().from());
    }

    @Test
    void malformedNamesNameNoPeriod() {
        for (String bad : new String[] {"2017", "2017-19", "2017-18-Q5", "2017-18-Q0", "17-18", "2017-18-q2", "Q2"}) {
            assertTrue(PeriodName.parse(bad).isEmpty(), bad);
        }
    }

    @Test
    void quarterContainingADate() {
        assertEquals(
                "2017-18-Q4",
                FinancialYear.quarterContaining(LocalDate.of(2018, 3, 31)).name());
        assertEquals(
                "2018-19-Q1",
                FinancialYear.quarterContaining(LocalDate.of(2018, 4, 1)).name());
        assertEquals(
                "2017-18-Q3",
                FinancialYear.quarterContaining(LocalDate.of(2017, 12, 31)).name());
    }
}
