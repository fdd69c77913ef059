package org.lvs.sla.domain;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.Objects;
import java.util.Set;
import java.util.function.Predicate;

/**
 * Working hours: only the hours between {@code dayStart} and {@code dayEnd} of working days count, in a zone
 * (Europe/London), skipping bank holidays. Each day's window is resolved in the zone, so a daylight-saving change
 * moves the window's UTC instants and a working day stays {@code dayEnd - dayStart} long.
 */
public final class WorkingHoursCalendar implements WorkingTime {

    /** Far enough for any contact target; a guard against a calendar without working days. */
    private static final int MAX_DAYS = 366 * 20;

    private final ZoneId zone;
    private final Set<DayOfWeek> workingDays;
    private final LocalTime dayStart;
    private final LocalTime dayEnd;
    private final Predicate<LocalDate> holiday;

    /** A calendar with a fixed list of holidays. */
    public WorkingHoursCalendar(
            ZoneId zone, Set<DayOfWeek> workingDays, LocalTime dayStart, LocalTime dayEnd, Set<LocalDate> holidays) {
        this(zone, workingDays, dayStart, dayEnd, Set.copyOf(holidays)::contains);
    }

    /** A calendar whose holidays are computed, e.g. {@link BankHolidays#isHoliday}. */
    public WorkingHoursCalendar(
            ZoneId zone,
            Set<DayOfWeek> workingDays,
            LocalTime dayStart,
            LocalTime dayEnd,
            Predicate<LocalDate> holiday) {
        this.zone = Objects.requireNonNull(zone);
        this.workingDays = Set.copyOf(workingDays);
        this.dayStart = Objects.requireNonNull(dayStart);
        this.dayEnd = Objects.requireNonNull(dayEnd);
        this.holiday = Objects.requireNonNull(holiday);
        if (!dayEnd.isAfter(dayStart)) {
            throw new IllegalArgumentException("a working day must end after it starts");
        }
        if (workingDays.isEmpty()) {
            throw new IllegalArgumentException("a calendar needs at least one working day");
        }
    }

    public boolean isWorkingDay(LocalDate date) {
        return workingDays.contains(date.getDayOfWeek()) && !holiday.test(date);
    }

    @Override
    public Instant plus(Instant start, Duration amount) {
        if (amount.isZero() || amount.isNegative()) {
            return start;
        }
        Instant t = start;
        Duration remaining = amount;
        LocalDate date = LocalDate.ofInstant(start, zone);
        for (int i = 0; i < MAX_DAYS; i++, date = date.plusDays(1)) {
            if (!isWorkingDay(date)) {
                continue;
            }
            Instant open = ZonedDateTime.of(date, dayStart, zone).toInstant();
            Instant close = ZonedDateTime.of(date, dayEnd, zone).toInstant();
            if (t.isBefore(open)) {
                t = open;
            }
            if (t.isBefore(close)) {
                Duration available = Duration.between(t, close);
                if (remaining.compareTo(available) <= 0) {
                    return t.plus(remaining);
                }
                remaining = remaining.minus(available);
                t = close;
            }
        }
        throw new IllegalStateException("no working time within " + MAX_DAYS + " days");
    }

    @Override
    public Duration between(Instant from, Instant to) {
        if (!to.isAfter(from)) {
            return Duration.ZERO;
        }
        Duration total = Duration.ZERO;
        LocalDate last = LocalDate.ofInstant(to, zone);
        for (LocalDate date = LocalDate.ofInstant(from, zone); !date.isAfter(last); date = date.plusDays(1)) {
            if (!isWorkingDay(date)) {
                continue;
            }
            Instant open = ZonedDateTime.of(date, dayStart, zone).toInstant();
            Instant close = ZonedDateTime.of(date, dayEnd, zone).toInstant();
            Instant a = from.isAfter(open) ? from : open;
            Instant b = to.isBefore(close) ? to : close;
            if (b.isAfter(a)) {
                total = total.plus(Duration.between(a, b));
            }
        }
        return total;
    }
}
