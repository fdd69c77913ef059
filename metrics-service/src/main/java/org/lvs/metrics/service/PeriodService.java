package org.lvs.metrics.service;

import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import org.lvs.commons.problem.ProblemException;
import org.lvs.metrics.domain.PeriodParser;
import org.lvs.metrics.domain.ReportingPeriod;

/** Turns request parameters into a period, or a 400 problem naming the bad fields. */
@ApplicationScoped
public class PeriodService {

    private final Clock clock;

    PeriodService(Clock clock) {
        this.clock = clock;
    }

    /** The named period, or {@code from}/{@code to}, or, without any, the current quarter (Europe/London). */
    public ReportingPeriod fromParameters(String period, String from, String to) {
        return orFail(PeriodParser.parse(period, from, to, clock));
    }

    public ReportingPeriod named(String name) {
        return orFail(PeriodParser.parseName(name == null ? "" : name));
    }

    private static ReportingPeriod orFail(PeriodParser.Result result) {
        if (!result.ok()) {
            throw ProblemException.badRequest(result.errors());
        }
        return result.period();
    }
}
