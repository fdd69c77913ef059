package org.lvs.metrics.service;

import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.LocalDate;
import java.util.List;
import org.lvs.commons.problem.ProblemException;
import org.lvs.contract.FieldError;
import org.lvs.metrics.domain.FinancialYear;
import org.lvs.metrics.domain.PeriodName;
import org.lvs.metrics.domain.ReportingPeriod;

/**
 * The period a request asks for. Each parameter's own shape is checked by Bean Validation on the resource (a period
 * name's pattern, ISO dates); here the rules between them, each a 400 problem naming the field to change.
 */
@ApplicationScoped
public class PeriodService {

    private static final String REQUIRED_WITH_A_RANGE = "is required with a range (ISO date, e.g. 2017-07-01)";

    private final Clock clock;

    PeriodService(Clock clock) {
        this.clock = clock;
    }

    /**
     * The named period, or {@code from}/{@code to} (inclusive), or, without any, the quarter that contains today
     * (Europe/London).
     */
    public ReportingPeriod fromParameters(String period, String from, String to) {
        boolean hasPeriod = period != null && !period.isBlank();
        boolean hasRange = from != null && !from.isBlank() || to != null && !to.isBlank();
        if (hasPeriod && hasRange) {
            throw badRequest("period", "give either period or from/to, not both");
        }
        if (hasPeriod) {
            return named(period.trim());
        }
        if (hasRange) {
            return range(from, to);
        }
        return FinancialYear.quarterContaining(LocalDate.now(clock.withZone(ReportingPeriod.LONDON)));
    }

    /** A named year or quarter, as in {@code /reports/quarterly/{period}}. */
    public ReportingPeriod named(String name) {
        return PeriodName.parse(name).orElseThrow(() -> badRequest("period", PeriodName.YEARS_MUST_FOLLOW));
    }

    /** Both days given, in order, at most {@link ReportingPeriod#MAX_RANGE_DAYS} apart. */
    private static ReportingPeriod range(String fromText, String toText) {
        if (fromText == null || fromText.isBlank()) {
            throw badRequest("from", REQUIRED_WITH_A_RANGE);
        }
        if (toText == null || toText.isBlank()) {
            throw badRequest("to", REQUIRED_WITH_A_RANGE);
        }
        LocalDate from = LocalDate.parse(fromText.trim());
        LocalDate to = LocalDate.parse(toText.trim());
        if (to.isBefore(from)) {
            throw badRequest("to", "must not be before from");
        }
        ReportingPeriod range = ReportingPeriod.range(from, to);
        if (range.days() > ReportingPeriod.MAX_RANGE_DAYS) {
            throw badRequest("to", "a range may span at most " + ReportingPeriod.MAX_RANGE_DAYS + " days");
        }
        return range;
    }

    private static ProblemException badRequest(String field, String message) {
        return ProblemException.badRequest(List.of(new FieldError(field, message)));
    }
}
