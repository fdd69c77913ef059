package org.lvs.sla.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class WorkingHoursCalendarTest {

    private static final ZoneId LONDON = ZoneId.of("Europe/London");
    private static final Set<DayOfWeek> WEEKDAYS = EnumSet.range(DayOfWeek.MONDAY, DayOfWeek.FRIDAY);
    /** England and Wales, 2017 spring: Good Friday 14 April, Easter Monday 17 April, early May 1 May. */
    private static final Set<LocalDate> HOLIDAYS = Set.of(
            LocalDate.of(2017, 4, 14),
            LocalDate.of(2017, 4, 17),
            LocalDate.of(2017, 5, 1),
            LocalDate.of(2017, 5, 29),
            LocalDate.of(2017, 8, 28));

    private final WorkingHoursCalendar calendar =
            new WorkingHoursCalendar(LONDON, WEEKDAYS, LocalTime.of(9, 0), LocalTime.of(17, 0), HOLIDAYS);

    private static Instant london(int y, int m, int d, int h, int min) {
        return ZonedDateTime.of(y, m, d, h, min, 0, 0, LONDON).toInstant();
    }

    @Test
    void withinOneWorkingDay() {
        assertEquals(london(2017, 6, 5, 13, 0), calendar.plus(london(2017, 6, 5, 10, 0), Duration.ofHours(3)));
    }

    @Test
    void startOutsideHoursWaitsForTheNextOpening() {
        assertEquals(london(2017, 6, 6, 11, 0), calendar.plus(london(2017, 6, 5, 20, 0), Duration.ofHours(2)));
    }

    @Test
    void acrossTheEasterBankHolidayWeekend() {
        // Thursday 13 April 2017 15:00 + 8 working hours: 2 h on Thursday, Good Friday, the weekend and Easter
        // Monday skipped, 6 h on Tuesday 18 April
        Instant start = london(2017, 4, 13, 15, 0);
        Instant due = calendar.plus(start, Duration.ofHours(8));
        assertEquals(london(2017, 4, 18, 15, 0), due);
        assertEquals(Duration.ofHours(8), calendar.between(start, due));
    }

    @Test
    void acrossTheSpringClockChange() {
        // clocks go forward on Sunday 26 March 2017: Friday 24 March 16:00 GMT + 2 h → Monday 27 March 10:00 BST
        Instant start = london(2017, 3, 24, 16, 0);
        Instant due = calendar.plus(start, Duration.ofHours(2));
        assertEquals(Instant.parse("2017-03-27T09:00:00Z"), due);
        assertEquals(Duration.ofHours(2), calendar.between(start, due));
    }

    @Test
    void acrossTheAutumnClockChange() {
        // clocks go back on Sunday 29 October 2017: Friday 27 October 16:30 BST + 1 h → Monday 30 October 09:30 GMT
        Instant start = london(2017, 10, 27, 16, 30);
        assertEquals(Instant.parse("2017-10-30T09:30:00Z"), calendar.plus(start, Duration.ofHours(1)));
    }

    @Test
    void betweenCountsOnlyWorkingHours() {
        assertEquals(Duration.ofHours(8), calendar.between(london(2017, 4, 13, 9, 0), london(2017, 4, 18, 9, 0)));
        assertEquals(Duration.ZERO, calendar.between(london(2017, 4, 15, 9, 0), london(2017, 4, 16, 18, 0)));
    }

    @Test
    void contactClockOnTheCalendarPausesInWorkingTime() {
        // a 48-hour (six working days) target started on Thursday before Easter
        Instant start = london(2017, 4, 13, 9, 0);
        ContactClock clock = ContactClock.start(calendar, start, 48, false).clock();
        // Thu 13 (8), Tue 18 (16), Wed 19 (24), Thu 20 (32), Fri 21 (40), Mon 24 (48)
        assertEquals(london(2017, 4, 24, 17, 0), clock.dueAt());
        // at risk after 36 working hours: Fri 21 at 13:00
        assertEquals(london(2017, 4, 21, 13, 0), clock.atRiskAt());
        // a pause over a weekend costs nothing; a pause over a working morning moves due by those hours
        clock.pause(london(2017, 4, 22, 10, 0));
        clock.resume(london(2017, 4, 24, 12, 0));
        assertEquals(3 * 3600, clock.pausedSeconds());
        assertEquals(london(2017, 4, 25, 12, 0), clock.dueAt());
        assertEquals(
                List.of("SLA_BREACHED"),
                clock.evaluate(london(2017, 4, 25, 12, 1)).stream()
                        .map(ClockEvent::type)
                        .toList());
    }
}
