package org.lvs.sla.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * England and Wales bank holidays by rule with the configured one-offs (application.properties), against the lists
 * GOV.UK published (www.gov.uk/bank-holidays, england-and-wales) for 2016 to 2026, and the rules for 2027 to 2030.
 */
class BankHolidaysTest {

    /** Written out from the published lists (2016-2026) and by the rules (2027-2030). */
    private static final Map<Integer, List<String>> EXPECTED = new TreeMap<>(Map.ofEntries(
            Map.entry(2016, List.of("01-01", "03-25", "03-28", "05-02", "05-30", "08-29", "12-26", "12-27")),
            Map.entry(2017, List.of("01-02", "04-14", "04-17", "05-01", "05-29", "08-28", "12-25", "12-26")),
            Map.entry(2018, List.of("01-01", "03-30", "04-02", "05-07", "05-28", "08-27", "12-25", "12-26")),
            Map.entry(2019, List.of("01-01", "04-19", "04-22", "05-06", "05-27", "08-26", "12-25", "12-26")),
            Map.entry(2020, List.of("01-01", "04-10", "04-13", "05-08", "05-25", "08-31", "12-25", "12-28")),
            Map.entry(2021, List.of("01-01", "04-02", "04-05", "05-03", "05-31", "08-30", "12-27", "12-28")),
            Map.entry(
                    2022,
                    List.of("01-03", "04-15", "04-18", "05-02", "06-02", "06-03", "08-29", "09-19", "12-26", "12-27")),
            Map.entry(2023, List.of("01-02", "04-07", "04-10", "05-01", "05-08", "05-29", "08-28", "12-25", "12-26")),
            Map.entry(2024, List.of("01-01", "03-29", "04-01", "05-06", "05-27", "08-26", "12-25", "12-26")),
            Map.entry(2025, List.of("01-01", "04-18", "04-21", "05-05", "05-26", "08-25", "12-25", "12-26")),
            Map.entry(2026, List.of("01-01", "04-03", "04-06", "05-04", "05-25", "08-31", "12-25", "12-28")),
            Map.entry(2027, List.of("01-01", "03-26", "03-29", "05-03", "05-31", "08-30", "12-27", "12-28")),
            Map.entry(2028, List.of("01-03", "04-14", "04-17", "05-01", "05-29", "08-28", "12-25", "12-26")),
            Map.entry(2029, List.of("01-01", "03-30", "04-02", "05-07", "05-28", "08-27", "12-25", "12-26")),
            Map.entry(2030, List.of("01-01", "04-19", "04-22", "05-06", "05-27", "08-26", "12-25", "12-26"))));

    @Test
    void theConfiguredCalendarGivesThePublishedListsFrom2016To2030() throws IOException {
        BankHolidays holidays = configured();
        for (Map.Entry<Integer, List<String>> year : EXPECTED.entrySet()) {
            List<String> actual = holidays.of(year.getKey()).stream()
                    .map(d -> d.toString().substring(5))
                    .toList();
            assertEquals(year.getValue(), actual, "bank holidays of " + year.getKey());
        }
    }

    @Test
    void easterByTheComputus() {
        assertEquals(LocalDate.of(2016, 3, 27), BankHolidays.easterSunday(2016));
        assertEquals(LocalDate.of(2019, 4, 21), BankHolidays.easterSunday(2019));
        assertEquals(LocalDate.of(2024, 3, 31), BankHolidays.easterSunday(2024));
        assertEquals(LocalDate.of(2038, 4, 25), BankHolidays.easterSunday(2038), "the latest possible Easter");
        assertEquals(LocalDate.of(2285, 3, 22), BankHolidays.easterSunday(2285), "the earliest possible Easter");
    }

    @Test
    void substituteDaysForEveryWeekendCase() {
        // Christmas on a Saturday (2021), a Sunday (2022), a Friday (2020); New Year's Day on a Saturday and a Sunday
        assertTrue(
                BankHolidays.byRule(2021).containsAll(List.of(LocalDate.of(2021, 12, 27), LocalDate.of(2021, 12, 28))));
        assertFalse(BankHolidays.byRule(2021).contains(LocalDate.of(2021, 12, 25)));
        assertTrue(BankHolidays.byRule(2022)
                .containsAll(
                        List.of(LocalDate.of(2022, 12, 26), LocalDate.of(2022, 12, 27), LocalDate.of(2022, 1, 3))));
        assertTrue(
                BankHolidays.byRule(2020).containsAll(List.of(LocalDate.of(2020, 12, 25), LocalDate.of(2020, 12, 28))));
        assertTrue(BankHolidays.byRule(2023).contains(LocalDate.of(2023, 1, 2)));
        for (int year = 1980; year <= 2100; year++) {
            assertEquals(8, BankHolidays.byRule(year).size(), "eight by rule in " + year);
            BankHolidays.byRule(year).forEach(d -> assertTrue(d.getDayOfWeek().getValue() <= 5, d + " is a weekday"));
        }
    }

    /** The one-offs exactly as application.properties configures them. */
    private static BankHolidays configured() throws IOException {
        Properties properties = new Properties();
        try (InputStream in = BankHolidaysTest.class.getResourceAsStream("/application.properties")) {
            properties.load(in);
        }
        return new BankHolidays(
                dates(properties.getProperty("lvs.sla.calendar.extra-holidays")),
                dates(properties.getProperty("lvs.sla.calendar.removed-holidays")));
    }

    private static List<LocalDate> dates(String list) {
        return Arrays.stream(list.split(","))
                .map(String::trim)
                .filter(s -> !s.isEmpty())
                .map(LocalDate::parse)
                .collect(Collectors.toList());
    }
}
