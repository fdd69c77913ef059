package org.lvs.metrics.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;
import org.lvs.commons.problem.ProblemException;
import org.lvs.commons.rest.validation.IsoDate;
import org.lvs.metrics.domain.FinancialYear;

/** The period a request asks for, and the field a bad request names (metrics.md, periods). */
class PeriodServiceTest {

    private static final Clock CLOCK = Clock.fixed(Instant.parse("2017-08-15T10:00:00Z"), ZoneOffset.UTC);
    private static final PeriodService PERIODS = new PeriodService(CLOCK);

    @Test
    void withoutParametersTheCurrentQuarter() {
        assertEquals("2017-18-Q2", PERIODS.fromParameters(null, null, null).name());
        Clock newYearsEveLateUtc = Clock.fixed(Instant.parse("2018-03-31T23:30:00Z"), ZoneOffset.UTC);
        // 00:30 BST on 1 April 2018: already the new financial year in London
        assertEquals(
                "2018-19-Q1",
                new PeriodService(newYearsEveLateUtc)
                        .fromParameters("", null, null)
                        .name());
    }

    @Test
    void aNamedPeriodOrARange() {
        assertEquals(
                "2017-18-Q2", PERIODS.fromParameters("2017-18-Q2", null, null).name());
        assertEquals("2017-18", PERIODS.named("2017-18").name());
        assertEquals(
                "2017-07-10..2017-07-16",
                PERIODS.fromParameters(null, "2017-07-10", "2017-07-16").name());
    }

    @Test
    void malformedPeriodsNameTheirField() {
        for (String bad : new String[] {"2017", "2017-19", "2017-18-Q5", "2017-18-Q0", "17-18", "2017-18-q2", "Q2"}) {
            assertEquals("period", badField(() -> PERIODS.named(bad)), bad);
            assertEquals("period", badField(() -> PERIODS.fromParameters(bad, null, null)), bad);
        }
        assertEquals("period", badField(() -> PERIODS.fromParameters("2017-18", "2017-01-01", null)));
        // malformed dates are named by the parameters' constraint, both at once
        IsoDate.Validator dates = new IsoDate.Validator(FinancialYear.FIRST_YEAR, FinancialYear.LAST_YEAR);
        assertFalse(dates.isValid("2017-13-01", null));
        assertFalse(dates.isValid("yesterday", null));
        assertFalse(dates.isValid("1899-12-31", null));
        assertTrue(dates.isValid("2017-07-01", null));
        assertTrue(dates.isValid(null, null));
        assertEquals("to", badField(() -> PERIODS.fromParameters(null, "2017-01-02", "2017-01-01")));
        assertEquals("to", badField(() -> PERIODS.fromParameters(null, "2017-01-02", null)));
        assertEquals("to", badField(() -> PERIODS.fromParameters(null, "2000-01-01", "2017-01-01")));
    }

    private static String badField(Runnable request) {
        ProblemException problem = assertThrows(ProblemException.class, request::run);
        assertEquals(400, problem.status());
        return problem.toProblem().errors().get(0).field();
    }
}
