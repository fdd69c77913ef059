package org.lvs.sla.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import org.lvs.contract.casework.CaseStatus;

/** The contact-clock policy (sla-policy.md); every number and list is configuration with the spec's defaults. */
@ConfigMapping(prefix = "lvs.sla")
public interface SlaConfig {

    /**
     * Case statuses during which the clock pauses. AWAITING_CONSENT and AWAITING_INFORMATION do not: the victim waits.
     */
    @WithDefault("SCREENING")
    List<CaseStatus> pausingStatuses();

    /** Target when a decision carries none. */
    @WithDefault("48")
    int priorityTargetHours();

    @WithDefault("120")
    int standardTargetHours();

    /**
     * The key of the HMAC the search audit keeps of each search's terms ({@code LVS_SEARCH_AUDIT_KEY}): never an
     * unkeyed hash, which a dictionary of names and phone numbers would reverse. The prod profile refuses the local
     * default and keys shorter than 32 characters.
     */
    String searchAuditKey();

    Calendar calendar();

    Capacity capacity();

    Detector detector();

    interface Calendar {
        /** {@code CLOCK_HOURS} (24/7, the default) or {@code WORKING_HOURS}. */
        @WithDefault("CLOCK_HOURS")
        Mode mode();

        @WithDefault("Europe/London")
        String zone();

        @WithDefault("MONDAY,TUESDAY,WEDNESDAY,THURSDAY,FRIDAY")
        List<DayOfWeek> workingDays();

        @WithDefault("09:00")
        String dayStart();

        @WithDefault("17:00")
        String dayEnd();

        /** Bank holidays by rule ({@code ENGLAND_AND_WALES}, the default) or none ({@code NONE}). */
        @WithDefault("ENGLAND_AND_WALES")
        HolidayRules bankHolidayRules();

        /** One-off bank holidays added to the rules (ISO dates; application.properties lists the known ones). */
        Optional<List<LocalDate>> extraHolidays();

        /** Days the rules give that were moved away (ISO dates; e.g. 2020-05-04 for VE day's 2020-05-08). */
        Optional<List<LocalDate>> removedHolidays();

        enum Mode {
            CLOCK_HOURS,
            WORKING_HOURS
        }

        enum HolidayRules {
            ENGLAND_AND_WALES,
            NONE
        }
    }

    /** Caseload capacity per pathway; over capacity means more open cases than this. */
    interface Capacity {
        @WithDefault("40")
        int isva();

        @WithDefault("40")
        int idva();

        @WithDefault("40")
        int iva();

        @WithDefault("35")
        int nest();

        @WithDefault("60")
        int core();

        @WithDefault("60")
        int partner();
    }

    interface Detector {
        /** Most clocks one transaction flags; the job loops until a batch comes back short. */
        @WithDefault("500")
        int batchSize();

        @WithDefault("true")
        boolean enabled();

        /** How often the job runs (read by {@code @Scheduled}); a breach is flagged within this of its due time. */
        @WithDefault("2s")
        String every();

        /** Delay of the first run after start. */
        @WithDefault("1s")
        String delay();

        /**
         * How long the detector leaves a replayed case alone after its latest change before it flags points in the
         * past (at risk, breached) at the real time: the rest of a replayed history can arrive first and is judged at
         * its own times. Live clocks are flagged at once; keep it well under the 60 s the policy allows.
         */
        @WithDefault("10s")
        Duration replaySettle();
    }
}
