package org.lvs.metrics.rest.dto;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

/**
 * What the live page shows: the period's figures, its daily and weekly series, the open breaches and at-risk cases
 * now, and the service's labels for the figures' keys.
 */
public record LiveView(
        long version,
        Summary summary,
        List<DayCount> referralsPerDay,
        List<WeekShare> priorityContactPerWeek,
        long openBreaches,
        long atRisk,
        Map<String, String> labels) {

    /** The referrals first received on a day. */
    public record DayCount(LocalDate date, long count) {}

    /** Of a week's (Monday start) decided priority cases, those contacted within 48 hours. */
    public record WeekShare(LocalDate weekStart, long count, long of, BigDecimal percent) {}
}
