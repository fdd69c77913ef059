package org.lvs.metrics.domain;

import java.time.LocalDate;
import java.time.Month;

/** Financial-year arithmetic: years run 1 April to 31 March; Q1 is April to June, Q4 January to March. */
public final class FinancialYear {

    /** The years a period may fall in: four-digit years whose successor has four digits too. */
    public static final int FIRST_YEAR = 1900;

    public static final int LAST_YEAR = 9998;

    private FinancialYear() {}

    public static boolean isSupported(int year) {
        return year >= FIRST_YEAR && year <= LAST_YEAR;
    }

    /** The calendar year in which the financial year containing {@code date} starts (2017 for 2017-18). */
    public static int startYearOf(LocalDate date) {
        return date.getMonthValue() >= Month.APRIL.getValue() ? date.getYear() : date.getYear() - 1;
    }

    public static LocalDate startOfYearContaining(LocalDate date) {
        return LocalDate.of(startYearOf(date), Month.APRIL, 1);
    }

    public static ReportingPeriod year(int startYear) {
        LocalDate from = LocalDate.of(startYear, Month.APRIL, 1);
        return new ReportingPeriod(
                ReportingPeriod.Kind.YEAR,
                yearName(startYear),
                from,
                from.plusYears(1).minusDays(1));
    }

    public static ReportingPeriod quarter(int startYear, int quarter) {
        if (quarter < 1 || quarter > 4) {
            throw new IllegalArgumentException("quarter must be 1 to 4");
        }
        LocalDate from = LocalDate.of(startYear, Month.APRIL, 1).plusMonths(3L * (quarter - 1));
        return new ReportingPeriod(
                ReportingPeriod.Kind.QUARTER,
                yearName(startYear) + "-Q" + quarter,
                from,
                from.plusMonths(3).minusDays(1));
    }

    public static ReportingPeriod yearContaining(LocalDate date) {
        return year(startYearOf(date));
    }

    public static ReportingPeriod quarterContaining(LocalDate date) {
        int startYear = startYearOf(date);
        long monthsIntoYear = (date.getMonthValue() - Month.APRIL.getValue() + 12) % 12;
        return quarter(startYear, (int) (monthsIntoYear / 3) + 1);
    }

    /** {@code 2017-18}: the start year and the last two digits of the next. */
    static String yearName(int startYear) {
        return String.format("%04d-%02d", startYear, (startYear + 1) % 100);
    }
}
