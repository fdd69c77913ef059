package org.lvs.metrics.service;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.LocalDate;
import org.lvs.commons.problem.ProblemException;
import org.lvs.metrics.domain.FinancialYear;
import org.lvs.metrics.domain.PeriodParser;
import org.lvs.metrics.domain.ReportingPeriod;
import org.lvs.metrics.persistence.FigureQueries;

/** Turns request parameters into a period, or a 400 problem naming the bad fields. */
@ApplicationScoped
public class PeriodService {

    @Inject
    Clock clock;

    @Inject
    FigureQueries queries;

    public ReportingPeriod fromParameters(String period, String from, String to) {
        return orFail(PeriodParser.parse(period, from, to, clock));
    }

    public ReportingPeriod named(String name) {
        return orFail(PeriodParser.parseName(name == null ? "" : name));
    }

    /**
     * The period the live page shows when it names none: the current quarter, or, when nothing was received in it
     * yet (a replay of history), the quarter of the newest referral, so the page shows the data there is.
     */
    public ReportingPeriod livePeriod() {
        LocalDate today = LocalDate.now(clock.withZone(ReportingPeriod.LONDON));
        ReportingPeriod current = FinancialYear.quarterContaining(today);
        if (queries.referralCount(current) > 0) {
            return current;
        }
        java.time.Instant latest = queries.latestReferral();
        return latest == null ? current
                : FinancialYear.quarterContaining(latest.atZone(ReportingPeriod.LONDON).toLocalDate());
    }

    private static ReportingPeriod orFail(PeriodParser.Result result) {
        if (!result.ok()) {
            throw ProblemException.badRequest(result.errors());
        }
        return result.period();
    }
}
