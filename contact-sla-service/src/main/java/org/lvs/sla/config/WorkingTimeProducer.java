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
import java.util.stream.Collectors;
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
        Set<LocalDate> holidays = calendar.bankHolidays().orElse(List.of()).stream()
                .map(String::trim).filter(s -> !s.isEmpty()).map(LocalDate::parse).collect(Collectors.toSet());
        return new WorkingHoursCalendar(ZoneId.of(calendar.zone()), EnumSet.copyOf(calendar.workingDays()),
                LocalTime.parse(calendar.dayStart()), LocalTime.parse(calendar.dayEnd()), holidays);
    }
}
