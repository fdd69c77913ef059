package org.lvs.metrics.domain;

import java.time.Clock;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.lvs.contract.FieldError;

/**
 * Reads a period from request parameters: {@code period=2017-18-Q2}, {@code period=2017-18}, or {@code from}/{@code to}
 * (ISO dates, inclusive). Without any, the quarter that contains today (Europe/London). Pure: the caller passes the clock.
 */
public final class PeriodParser {

    private static final Pattern YEAR = Pattern.compile("(\\d{4})-(\\d{2})");
    private static final Pattern QUARTER = Pattern.compile("(\\d{4})-(\\d{2})-Q(\\d)");
    /** Ranges longer than this are refused: they would only ever be typing mistakes. */
    static final long MAX_RANGE_DAYS = 3660;

    private PeriodParser() {
    }

    /** The period, or the field errors that make the request bad (never both). */
    public record Result(ReportingPeriod period, List<FieldError> errors) {
        public boolean ok() {
            return errors.isEmpty();
        }
    }

    public static Result parse(String period, String from, String to, Clock clock) {
        boolean hasPeriod = period != null && !period.isBlank();
        boolean hasRange = from != null && !from.isBlank() || to != null && !to.isBlank();
        if (hasPeriod && hasRange) {
            return fail(new FieldError("period", "give either period or from/to, not both"));
        }
        if (hasPeriod) {
            return parseName(period.trim());
        }
        if (hasRange) {
            return parseRange(from, to);
        }
        return new Result(FinancialYear.quarterContaining(LocalDate.now(clock.withZone(ReportingPeriod.LONDON))),
                List.of());
    }

    /** A named quarter or year, as in {@code /reports/quarterly/{period}}. */
    public static Result parseName(String name) {
        Matcher quarter = QUARTER.matcher(name);
        if (quarter.matches()) {
            int startYear = Integer.parseInt(quarter.group(1));
            int q = Integer.parseInt(quarter.group(3));
            if (!followsOn(startYear, quarter.group(2))) {
                return fail(new FieldError("period", "the second year must follow the first, e.g. 2017-18-Q2"));
            }
            if (q < 1 || q > 4) {
                return fail(new FieldError("period", "the quarter must be Q1 to Q4"));
            }
            return new Result(FinancialYear.quarter(startYear, q), List.of());
        }
        Matcher year = YEAR.matcher(name);
        if (year.matches()) {
            int startYear = Integer.parseInt(year.group(1));
            if (!followsOn(startYear, year.group(2))) {
                return fail(new FieldError("period", "the second year must follow the first, e.g. 2017-18"));
            }
            return new Result(FinancialYear.year(startYear), List.of());
        }
        return fail(new FieldError("period", "must be a financial year like 2017-18 or a quarter like 2017-18-Q2"));
    }

    private static Result parseRange(String from, String to) {
        List<FieldError> errors = new ArrayList<>();
        LocalDate start = date("from", from, errors);
        LocalDate end = date("to", to, errors);
        if (errors.isEmpty()) {
            if (end.isBefore(start)) {
                errors.add(new FieldError("to", "must not be before from"));
            } else if (java.time.temporal.ChronoUnit.DAYS.between(start, end) + 1 > MAX_RANGE_DAYS) {
                errors.add(new FieldError("to", "a range may span at most " + MAX_RANGE_DAYS + " days"));
            }
        }
        if (!errors.isEmpty()) {
            return new Result(null, List.copyOf(errors));
        }
        return new Result(ReportingPeriod.range(start, end), List.of());
    }

    private static LocalDate date(String field, String text, List<FieldError> errors) {
        if (text == null || text.isBlank()) {
            errors.add(new FieldError(field, "is required with a range (ISO date, e.g. 2017-07-01)"));
            return null;
        }
        try {
            LocalDate date = LocalDate.parse(text.trim());
            if (date.getYear() < 1900 || date.getYear() > 9998) {
                errors.add(new FieldError(field, "year out of range"));
                return null;
            }
            return date;
        } catch (DateTimeParseException e) {
            errors.add(new FieldError(field, "must be an ISO date, e.g. 2017-07-01"));
            return null;
        }
    }

    private static boolean followsOn(int startYear, String nextTwoDigits) {
        return (startYear + 1) % 100 == Integer.parseInt(nextTwoDigits) && startYear >= 1900 && startYear <= 9998;
    }

    private static Result fail(FieldError error) {
        return new Result(null, List.of(error));
    }
}
