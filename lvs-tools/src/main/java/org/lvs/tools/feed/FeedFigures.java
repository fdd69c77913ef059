package org.lvs.tools.feed;

import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;
import org.lvs.contract.referral.Referral;
import org.lvs.contract.referral.Source;

/**
 * The headline figures a feed should produce once replayed, computed from the feed alone by the definitions of
 * metrics.md (and the generator's expectation of triage). {@code ./lvs demo} prints them next to what
 * metrics-service reports, and the tests pin them.
 */
public record FeedFigures(
        Map<Quarter, Integer> referrals,
        Map<Quarter, Integer> priorityDecided,
        Map<Quarter, Integer> priorityWithin48h,
        Map<Source, Integer> bySource,
        int amendments,
        int cases,
        int actions) {

    private static final Duration H48 = Duration.ofHours(48);

    public static FeedFigures of(Feed feed) {
        Map<Quarter, Integer> referrals = new EnumMap<>(Quarter.class);
        Map<Source, Integer> bySource = new EnumMap<>(Source.class);
        for (Referral r : feed.firstVersions()) {
            referrals.merge(Quarter.of(r.receivedAt()), 1, Integer::sum);
            bySource.merge(r.source(), 1, Integer::sum);
        }
        Map<Quarter, Integer> decided = new EnumMap<>(Quarter.class);
        Map<Quarter, Integer> within = new EnumMap<>(Quarter.class);
        for (Quarter q : Quarter.values()) {
            decided.put(q, 0);
            within.put(q, 0);
        }
        for (CasePlan c : feed.cases()) {
            if (c.priority() && c.decided() && c.quarter() != null) {
                decided.merge(c.quarter(), 1, Integer::sum);
                if (c.contactedWithin(H48)) {
                    within.merge(c.quarter(), 1, Integer::sum);
                }
            }
        }
        return new FeedFigures(
                referrals,
                decided,
                within,
                bySource,
                feed.amendments().size(),
                feed.cases().size(),
                feed.actionCount());
    }

    public int yearToDate() {
        return referrals.values().stream().mapToInt(Integer::intValue).sum();
    }

    public Double priorityPercent(Quarter q) {
        return Calibration.percent(priorityWithin48h.get(q), priorityDecided.get(q));
    }

    public String describe() {
        return "referrals Q1 %,d, Q2 %,d (year to date %,d); amendments %,d; cases %,d; case actions %,d; "
                        .formatted(
                                referrals.getOrDefault(Quarter.Q1, 0),
                                referrals.getOrDefault(Quarter.Q2, 0),
                                yearToDate(),
                                amendments,
                                cases,
                                actions)
                + "priority contacted within 48 h: Q1 %s%% (%d of %d), Q2 %s%% (%d of %d)"
                        .formatted(
                                priorityPercent(Quarter.Q1), priorityWithin48h.get(Quarter.Q1),
                                priorityDecided.get(Quarter.Q1), priorityPercent(Quarter.Q2),
                                priorityWithin48h.get(Quarter.Q2), priorityDecided.get(Quarter.Q2));
    }
}
