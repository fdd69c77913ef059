package org.lvs.metrics.service;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.lvs.metrics.domain.CaseTiming;
import org.lvs.metrics.domain.ReportingPeriod;
import org.lvs.metrics.domain.Share;
import org.lvs.metrics.persistence.FigureQueries;
import org.lvs.metrics.persistence.FigureQueries.CaseRow;
import org.lvs.metrics.rest.dto.LiveView;
import org.lvs.metrics.rest.dto.LiveView.DayCount;
import org.lvs.metrics.rest.dto.LiveView.WeekShare;
import org.lvs.metrics.rest.dto.Summary;

/**
 * What the live page shows: the period's figures plus its daily and weekly series, the open breaches now, and the
 * service's labels for the figures' keys.
 */
@ApplicationScoped
@Transactional(Transactional.TxType.SUPPORTS)
public class LiveService {

    private final SummaryService summaries;
    private final FigureQueries queries;
    private final MetricsChanges changes;

    LiveService(SummaryService summaries, FigureQueries queries, MetricsChanges changes) {
        this.summaries = summaries;
        this.queries = queries;
        this.changes = changes;
    }

    public LiveView live(ReportingPeriod period) {
        long version = changes.version();
        Summary summary = summaries.summary(period);
        List<DayCount> perDay = referralsPerDay(period);
        List<WeekShare> perWeek = priorityContactPerWeek(period);
        Map<String, Long> states = queries.clockStatesNow();
        return new LiveView(
                version,
                summary,
                perDay,
                perWeek,
                states.getOrDefault("BREACHED", 0L),
                states.getOrDefault("AT_RISK", 0L),
                Labels.all());
    }

    /** Every day of the period up to today or its end, with the referrals first received that day. */
    List<DayCount> referralsPerDay(ReportingPeriod period) {
        Map<LocalDate, Long> counts = queries.referralsPerDay(period);
        List<DayCount> days = new ArrayList<>();
        for (LocalDate day = period.from(); !day.isAfter(period.to()); day = day.plusDays(1)) {
            days.add(new DayCount(day, counts.getOrDefault(day, 0L)));
        }
        return days;
    }

    /** Per week (Monday start) of clock start: the share of decided priority cases contacted within 48 hours. */
    List<WeekShare> priorityContactPerWeek(ReportingPeriod period) {
        Map<LocalDate, List<CaseTiming>> byWeek = new TreeMap<>();
        for (LocalDate week = period.from().with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY));
                !week.isAfter(period.to());
                week = week.plusWeeks(1)) {
            byWeek.put(week, new ArrayList<>());
        }
        for (CaseRow row : queries.casesStartedIn(period)) {
            if (row.isPriority()) {
                LocalDate week = row.timing()
                        .startedAt()
                        .atZone(ReportingPeriod.LONDON)
                        .toLocalDate()
                        .with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY));
                byWeek.computeIfAbsent(week, k -> new ArrayList<>()).add(row.timing());
            }
        }
        List<WeekShare> weeks = new ArrayList<>();
        byWeek.forEach((week, cases) -> {
            Share share = SummaryService.within(cases, 48, CaseTiming::decidedFor48h);
            weeks.add(new WeekShare(week, share.count(), share.of(), share.percent()));
        });
        return weeks;
    }
}
