package org.lvs.tools.feed;

/**
 * What the synthetic feed is calibrated to: the seed report for 2017-18 Q2 (15,072 referrals in the quarter, 31,148
 * in the year to date, priority victims contacted within 48 hours 64% in Q1 and 45% in Q2).
 *
 * @param seed                  the whole feed is a pure function of the settings; the same seed gives the same feed
 * @param q1Referrals           distinct referrals first received in April to June 2017
 * @param q2Referrals           distinct referrals first received in July to September 2017
 * @param q1PriorityWithin48h   share of decided priority cases (clock started in Q1) first contacted within 48 h
 * @param q2PriorityWithin48h   the same for Q2
 * @param standardContactShare  share of standard cases whose contact is replayed (the 48 h figure does not need them;
 *                              fewer case actions keep the demo fast)
 */
public record FeedSettings(
        long seed,
        int q1Referrals,
        int q2Referrals,
        double q1PriorityWithin48h,
        double q2PriorityWithin48h,
        double standardContactShare) {

    public static final long DEFAULT_SEED = 20172018L;

    public FeedSettings {
        if (q1Referrals < 0 || q2Referrals < 0) {
            throw new IllegalArgumentException("referral counts must not be negative");
        }
        if (q1PriorityWithin48h < 0
                || q1PriorityWithin48h > 1
                || q2PriorityWithin48h < 0
                || q2PriorityWithin48h > 1
                || standardContactShare < 0
                || standardContactShare > 1) {
            throw new IllegalArgumentException("shares must be between 0 and 1");
        }
    }

    /** The seed report's figures: Q1 = 31,148 - 15,072 = 16,076. */
    public static FeedSettings seedReport(long seed) {
        return new FeedSettings(seed, 16_076, 15_072, 0.64, 0.45, 0.15);
    }

    public static FeedSettings seedReport() {
        return seedReport(DEFAULT_SEED);
    }

    /** The same mix, scaled down (tests, quick demos): counts multiplied by {@code factor}. */
    public FeedSettings scaled(double factor) {
        return new FeedSettings(
                seed,
                (int) Math.round(q1Referrals * factor),
                (int) Math.round(q2Referrals * factor),
                q1PriorityWithin48h,
                q2PriorityWithin48h,
                standardContactShare);
    }

    public FeedSettings withSeed(long newSeed) {
        return new FeedSettings(
                newSeed, q1Referrals, q2Referrals, q1PriorityWithin48h, q2PriorityWithin48h, standardContactShare);
    }

    public int referrals(Quarter quarter) {
        return quarter == Quarter.Q1 ? q1Referrals : q2Referrals;
    }

    public double priorityWithin48h(Quarter quarter) {
        return quarter == Quarter.Q1 ? q1PriorityWithin48h : q2PriorityWithin48h;
    }
}
