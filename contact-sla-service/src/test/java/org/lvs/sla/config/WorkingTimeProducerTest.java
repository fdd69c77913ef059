package org.lvs.sla.config;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;

/** The calendar's holidays as configured: by rule with one-offs, or only the configured days. */
class WorkingTimeProducerTest {

    private static SlaConfig.Calendar calendar(
            SlaConfig.Calendar.HolidayRules rules, List<LocalDate> extra, List<LocalDate> removed) {
        return new SlaConfig.Calendar() {
            public Mode mode() {
                return Mode.WORKING_HOURS;
            }

            public String zone() {
                return "Europe/London";
            }

            public List<DayOfWeek> workingDays() {
                return List.of(DayOfWeek.MONDAY);
            }

            public String dayStart() {
                return "09:00";
            }

            public String dayEnd() {
                return "17:00";
            }

            public HolidayRules bankHolidayRules() {
                return rules;
            }

            public Optional<List<LocalDate>> extraHolidays() {
                return Optional.of(extra);
            }

            public Optional<List<LocalDate>> removedHolidays() {
                return Optional.of(removed);
            }
        };
    }

    @Test
    void rulesWithOneOffsOrOnlyTheConfiguredDays() {
        Predicate<LocalDate> byRule = WorkingTimeProducer.holidays(calendar(
                SlaConfig.Calendar.HolidayRules.ENGLAND_AND_WALES,
                List.of(LocalDate.parse("2022-06-03")),
                List.of(LocalDate.parse("2022-05-30"))));
        assertTrue(byRule.test(LocalDate.parse("2022-06-03")), "an extra day");
        assertFalse(byRule.test(LocalDate.parse("2022-05-30")), "a removed day");
        assertTrue(byRule.test(LocalDate.parse("2041-12-25")), "any year by rule");
        Predicate<LocalDate> none = WorkingTimeProducer.holidays(
                calendar(SlaConfig.Calendar.HolidayRules.NONE, List.of(LocalDate.parse("2022-06-03")), List.of()));
        assertTrue(none.test(LocalDate.parse("2022-06-03")));
        assertFalse(none.test(LocalDate.parse("2041-12-25")));
    }
}
