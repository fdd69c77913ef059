package org.lvs.metrics.domain;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;

/**
 * A reporting period: whole Europe/London days from {@code from} to {@code to} inclusive. Quarters and years follow
 * the financial year (1 April to 31 March); a range is any span of days.
 *
 * @param name the canonical name: {@code 2017-18-Q2}, {@code 2017-18} or {@code 2017-07-01..2017-09-30}
 */
public record ReportingPeriod(Kind kind, String name, LocalDate from, LocalDate to) {

    public static final ZoneId LONDON = ZoneId.of("Europe/London");

    public enum Kind {
        QUARTER,
        YEAR,
        RANGE
    }

    /** Ranges longer than this are refused: they would only ever be typing mistakes. */
    public static final long MAX_RANGE_DAYS = 3660;

    public ReportingPeriod {
        if (to.isBefore(from)) {
            throw new IllegalArgumentException("period ends before it starts");
        }
    }

    /** The first instant of the period: midnight London time on {@code from} (BST or GMT as it was then). */
    public Instant start() {
        return from.atStartOfDay(LONDON).toInstant();
    }

    /** The first instant after the period: midnight London time after {@code to}. */
    public Instant endExclusive() {
        return to.plusDays(1).atStartOfDay(LONDON).toInstant();
    }

    public boolean contains(Instant instant) {
        return !instant.isBefore(start()) && instant.isBefore(endExclusive());
    }

    public long days() {
        return ChronoUnit.DAYS.between(from, to) + 1;
    }

    /** The quarter before a quarter, the year before a year, the same number of days just before a range. */
    public ReportingPeriod previous() {
        return switch (kind) {
            case QUARTER -> FinancialYear.quarterContaining(from.minusDays(1));
            case YEAR -> FinancialYear.yearContaining(from.minusDays(1));
            case RANGE -> ReportingPeriod.range(from.minusDays(days()), from.minusDays(1));
        };
    }

    /** The quarter after a quarter, the year after a year, the same number of days just after a range. */
    public ReportingPeriod next() {
        return switch (kind) {
            case QUARTER -> FinancialYear.quarterContaining(to.plusDays(1));
            case YEAR -> FinancialYear.yearContaining(to.plusDays(1));
            case RANGE -> ReportingPeriod.range(to.plusDays(1), to.plusDays(days()));
        };
    }

    /** The financial year the period ends in (the year its year-to-date figures run in), e.g. {@code 2017-18}. */
    public ReportingPeriod financialYear() {
        return FinancialYear.yearContaining(to);
    }

    /** From the start of the financial year the period ends in, to the period's end. */
    public ReportingPeriod yearToDate() {
        if (kind == Kind.YEAR) {
            return this;
        }
        return range(FinancialYear.startOfYearContaining(to), to);
    }

    public static ReportingPeriod range(LocalDate from, LocalDate to) {
        return new ReportingPeriod(Kind.RANGE, from + ".." + to, from, to);
    }
}
