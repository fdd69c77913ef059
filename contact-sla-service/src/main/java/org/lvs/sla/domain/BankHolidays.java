package org.lvs.sla.domain;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.Month;
import java.time.temporal.TemporalAdjusters;
import java.util.Collection;
import java.util.Collections;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;

/**
 * England and Wales bank holidays, computed by rule for any year (the Banking and Financial Dealings Act 1971 and
 * the royal proclamations that fix the Monday holidays), plus the one-off changes configured as extra and removed
 * days:
 * <ul>
 * <li>New Year's Day, 1 January;</li>
 * <li>Good Friday and Easter Monday (Easter Sunday by the Gregorian computus);</li>
 * <li>the early May bank holiday, the first Monday of May;</li>
 * <li>the spring bank holiday, the last Monday of May;</li>
 * <li>the summer bank holiday, the last Monday of August;</li>
 * <li>Christmas Day and Boxing Day.</li>
 * </ul>
 * A fixed-date holiday that falls at a weekend is taken on the next weekday that is not already a holiday (the
 * substitute day): Christmas on a Saturday gives Monday 27 and Tuesday 28 December.
 *
 * <p>One-offs are configuration, not rules: for example the early May holiday of 2020 moved to Friday 8 May (VE
 * day: 2020-05-04 removed, 2020-05-08 added), the spring holiday of 2022 moved to 2 June with a Jubilee holiday on 3
 * June (2022-05-30 removed), and the state funeral (2022-09-19) and the coronation (2023-05-08) were added.
 */
public final class BankHolidays {

    private final Set<LocalDate> extra;
    private final Set<LocalDate> removed;
    private final Map<Integer, Set<LocalDate>> byYear = new ConcurrentHashMap<>();

    public BankHolidays(Collection<LocalDate> extra, Collection<LocalDate> removed) {
        this.extra = Set.copyOf(extra);
        this.removed = Set.copyOf(removed);
    }

    /** The rules alone, without one-off changes. */
    public static BankHolidays byRuleOnly() {
        return new BankHolidays(Set.of(), Set.of());
    }

    public boolean isHoliday(LocalDate date) {
        return of(date.getYear()).contains(date);
    }

    /** The year's bank holidays, one-offs applied, in date order. */
    public Set<LocalDate> of(int year) {
        return byYear.computeIfAbsent(year, y -> {
            TreeSet<LocalDate> days = new TreeSet<>(byRule(y));
            days.removeAll(removed);
            extra.stream().filter(d -> d.getYear() == y).forEach(days::add);
            return Collections.unmodifiableSortedSet(days);
        });
    }

    /** The year's bank holidays by rule only, with substitute days. */
    public static Set<LocalDate> byRule(int year) {
        TreeSet<LocalDate> days = new TreeSet<>();
        substitute(days, LocalDate.of(year, Month.JANUARY, 1));
        LocalDate easter = easterSunday(year);
        days.add(easter.minusDays(2));
        days.add(easter.plusDays(1));
        LocalDate may = LocalDate.of(year, Month.MAY, 1);
        days.add(may.with(TemporalAdjusters.firstInMonth(DayOfWeek.MONDAY)));
        days.add(may.with(TemporalAdjusters.lastInMonth(DayOfWeek.MONDAY)));
        days.add(LocalDate.of(year, Month.AUGUST, 1).with(TemporalAdjusters.lastInMonth(DayOfWeek.MONDAY)));
        substitute(days, LocalDate.of(year, Month.DECEMBER, 25));
        substitute(days, LocalDate.of(year, Month.DECEMBER, 26));
        return days;
    }

    /** Easter Sunday in the Gregorian calendar (the anonymous Gregorian algorithm, Meeus/Jones/Butcher). */
    public static LocalDate easterSunday(int year) {
        int a = year % 19;
        int b = year / 100;
        int c = year % 100;
        int d = b / 4;
        int e = b % 4;
        int f = (b + 8) / 25;
        int g = (b - f + 1) / 3;
        int h = (19 * a + b - d - g + 15) % 30;
        int i = c / 4;
        int k = c % 4;
        int l = (32 + 2 * e + 2 * i - h - k) % 7;
        int m = (a + 11 * h + 22 * l) / 451;
        int month = (h + l - 7 * m + 114) / 31;
        int day = (h + l - 7 * m + 114) % 31 + 1;
        return LocalDate.of(year, month, day);
    }

    /** A fixed-date holiday, or its substitute: the next weekday that is not already a holiday. */
    private static void substitute(Set<LocalDate> days, LocalDate date) {
        LocalDate d = date;
        while (d.getDayOfWeek() == DayOfWeek.SATURDAY || d.getDayOfWeek() == DayOfWeek.SUNDAY || days.contains(d)) {
            d = d.plusDays(1);
        }
        days.add(d);
    }
}
