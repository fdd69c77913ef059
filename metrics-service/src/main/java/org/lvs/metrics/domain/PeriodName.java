package org.lvs.metrics.domain;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The names of financial years and their quarters: {@code 2017-18} is 1 April 2017 to 31 March 2018, {@code 2017-18-Q2}
 * July to September 2017. The second year is the first's successor, written with its last two digits.
 */
public final class PeriodName {

    /** The shape of a name; {@link #parse} also checks that the second year follows the first. */
    public static final String PATTERN = "(\\d{4})-(\\d{2})(?:-Q([1-4]))?";

    /** What a well-shaped name must also satisfy, said to the caller. */
    public static final String YEARS_MUST_FOLLOW = "the second year must follow the first, e.g. 2017-18";

    private static final Pattern NAME = Pattern.compile(PATTERN);

    private PeriodName() {}

    /** The year or quarter named; empty for a name of another shape or whose second year does not follow. */
    public static Optional<ReportingPeriod> parse(String name) {
        Matcher m = NAME.matcher(name == null ? "" : name);
        if (!m.matches()) {
            return Optional.empty();
        }
        int startYear = Integer.parseInt(m.group(1));
        if (!FinancialYear.isSupported(startYear) || (startYear + 1) % 100 != Integer.parseInt(m.group(2))) {
            return Optional.empty();
        }
        return Optional.of(
                m.group(3) == null
                        ? FinancialYear.year(startYear)
                        : FinancialYear.quarter(startYear, Integer.parseInt(m.group(3))));
    }
}
