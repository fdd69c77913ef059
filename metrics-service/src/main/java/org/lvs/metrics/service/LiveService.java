package org.lvs.metrics.service;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.lvs.metrics.domain.CaseTiming;
import org.lvs.metrics.domain.ReportingPeriod;
import org.lvs.metrics.domain.Share;
import org.lvs.metrics.persistence.FigureQueries;

/**
 * What the live page shows: the period's figures plus its daily and weekly series, the open breaches now, and the
 * service's labels for the figures' keys.
 */
@ApplicationScoped
@Transactional(Transactional.TxType.SUPPORTS)
public class LiveService {

    @Inject
    SummaryService summaries;

    @Inject
    FigureQueries queries;

    @Inject
    MetricsChanges changes;

    public Map<String, Object> live(ReportingPeriod period) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("version", changes.version());
        m.put("summary", summaries.summary(period));
        m.put("referralsPerDay", referralsPerDay(period));
        m.put("priorityContactPerWeek", priorityContactPerWeek(period));
        Map<String, Long> states = queries.clockStatesNow();
        m.put("openBreaches", states.getOrDefault("BREACHED", 0L));
        m.put("atRisk", states.getOrDefault("AT_RISK", 0L));
        m.put("labels", Labels.all());
        return m;
    }

    /** Every day of the period up to today or its end, with the referrals first received that day. */
    List<Map<String, Object>> referralsPerDay(ReportingPeriod period) {
        Map<LocalDate, Long> counts = queries.referralsPerDay(period);
        List<Map<String, Object>> days = new ArrayList<>();
        for (LocalDate day = period.from(); !day.isAfter(period.to()); day = day.plusDays(1)) {
            Map<String, Object> point = new LinkedHashMap<>();
            point.put("date", day.toString());
            point.put("count", counts.getOrDefault(day, 0L));
            days.add(point);
        }
        return days;
    }

    /** Per week (Monday start) of clock start: the share of decided priority cases contacted within 48 hours. */
    List<Map<String, Object>> priorityContactPerWeek(ReportingPeriod period) {
        Map<LocalDate, List<CaseTiming>> byWeek = new TreeMap<>();
        for (LocalDate week = period.from().with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY));
                !week.isAfter(period.to()); week = week.plusWeeks(1)) {
            byWeek.put(week, new ArrayList<>());
        }
        for (FigureQueries.CaseRow row : queries.casesStartedIn(period)) {
            if (row.isPriority()) {
                LocalDate week = row.timing().startedAt().atZone(ReportingPeriod.LONDON).toLocalDate()
                        .with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY));
                byWeek.computeIfAbsent(week, k -> new ArrayList<>()).add(row.timing());
            }
        }
        List<Map<String, Object>> weeks = new ArrayList<>();
        byWeek.forEach((week, cases) -> {
            Share share = SummaryService.within(cases, 48, CaseTiming::decidedFor48h);
            Map<String, Object> point = new LinkedHashMap<>();
            point.put("weekStart", week.toString());
            point.put("count", share.count());
            point.put("of", share.of());
            point.put("percent", share.percent());
            weeks.add(point);
        });
        return weeks;
    }
}
