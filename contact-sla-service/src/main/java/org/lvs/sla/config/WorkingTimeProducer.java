package org.lvs.sla.config;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;
import org.lvs.sla.domain.BankHolidays;
import org.lvs.sla.domain.WorkingHoursCalendar;
import org.lvs.sla.domain.WorkingTime;

/** Chooses how the contact clock counts time: clock hours, or a working-hours calendar from configuration. */
@ApplicationScoped
public class WorkingTimeProducer {

    @Produces
    @Singleton
    WorkingTime workingTime(SlaConfig config) {
        SlaConfig.Calendar calendar = config.calendar();
        if (calendar.mode() == SlaConfig.Calendar.Mode.CLOCK_HOURS) {
            return WorkingTime.CLOCK_HOURS;
        }
        Predicate<LocalDate> holiday = holidays(calendar);
        return new WorkingHoursCalendar(
                ZoneId.of(calendar.zone()),
                EnumSet.copyOf(calendar.workingDays()),
                LocalTime.parse(calendar.dayStart()),
                LocalTime.parse(calendar.dayEnd()),
                holiday);
    }

    /** England and Wales bank holidays by rule with the configured one-offs, or only the configured extra days. */
    static Predicate<LocalDate> holidays(SlaConfig.Calendar calendar) {
        List<LocalDate> extra = calendar.extraHolidays().orElse(List.of());
        if (calendar.bankHolidayRules() == SlaConfig.Calendar.HolidayRules.NONE) {
            return Set.copyOf(extra)::contains;
        }
        return new BankHolidays(extra, calendar.removedHolidays().orElse(List.of()))::isHoliday;
    }
}
