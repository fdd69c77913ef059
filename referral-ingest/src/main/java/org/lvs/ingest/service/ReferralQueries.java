package org.lvs.ingest.service;

import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.lvs.commons.problem.ProblemException;
import org.lvs.contract.FieldError;
import org.lvs.contract.referral.Source;
import org.lvs.ingest.config.IngestConfig;
import org.lvs.ingest.persistence.ReferralIdentity;
import org.lvs.ingest.persistence.ReferralStore;
import org.lvs.ingest.persistence.RejectionRow;
import org.lvs.ingest.persistence.RejectionStore;

/**
 * Read side: a referral's versions, a source's feed gaps and rejections; a referrer sees only its own sources' (403
 * otherwise).
 */
@ApplicationScoped
public class ReferralQueries {

    private final ReferralStore store;
    private final RejectionStore rejections;
    private final SourceOwnership ownership;
    private final IngestConfig config;

    ReferralQueries(ReferralStore store, RejectionStore rejections, SourceOwnership ownership, IngestConfig config) {
        this.store = store;
        this.rejections = rejections;
        this.ownership = ownership;
        this.config = config;
    }

    public ReferralView referral(String referralId) {
        ownership.requireSomeSource();
        UUID id;
        try {
            id = UUID.fromString(referralId);
        } catch (IllegalArgumentException e) {
            throw ProblemException.notFound("no referral with this id");
        }
        ReferralIdentity identity;
        try {
            identity = store.find(id).orElseThrow(() -> ProblemException.notFound("no referral with this id"));
        } catch (RuntimeException e) {
            throw DatabaseErrors.translate(e, config.retryAfterSeconds());
        }
        ownership.require(Source.valueOf(identity.source()));
        return ReferralView.of(identity);
    }

    public FeedGaps gaps(String source) {
        Source known = ownSource(source);
        try {
            return gaps(known);
        } catch (RuntimeException e) {
            throw DatabaseErrors.translate(e, config.retryAfterSeconds());
        }
    }

    /**
     * A source's rejected records after {@code after}, in position order.
     *
     * @param after the last position the caller saw (0 or absent: from the start)
     * @param limit rows at most (default {@code lvs.ingest.rejections.default-limit}, at most {@code max-limit})
     */
    public Rejections rejections(String source, String after, String limit) {
        Source known = ownSource(source);
        List<FieldError> errors = new ArrayList<>();
        long from = number(after, "after", 0, Long.MAX_VALUE, 0, errors);
        int max = config.rejections().maxLimit();
        int rows = (int) number(limit, "limit", 1, max, config.rejections().defaultLimit(), errors);
        if (!errors.isEmpty()) {
            throw ProblemException.badRequest(errors);
        }
        List<RejectionRow> page;
        try {
            page = rejections.after(known.name(), from, rows);
        } catch (RuntimeException e) {
            throw DatabaseErrors.translate(e, config.retryAfterSeconds());
        }
        return Rejections.of(known.name(), from, page);
    }

    /** A whole number from {@code min} to {@code max}, the fallback when absent; else an error naming the parameter. */
    private static long number(String text, String name, long min, long max, long fallback, List<FieldError> errors) {
        if (text == null || text.isEmpty()) {
            return fallback;
        }
        try {
            long value = Long.parseLong(text);
            if (value >= min && value <= max) {
                return value;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        errors.add(new FieldError(name, max == Long.MAX_VALUE ? "must be a whole number of at least " + min
                : "must be a whole number from " + min + " to " + max));
        return fallback;
    }

    /** A known source the caller may act for: 404 for no source at all, 403 for another's. */
    private Source ownSource(String source) {
        ownership.requireSomeSource();
        Source known = null;
        for (Source s : Source.values()) {
            if (s.name().equals(source)) {
                known = s;
            }
        }
        if (known == null) {
            throw ProblemException.notFound("unknown source; one of ADT, OFFICER_DIRECT, MASH, PARTNER, SELF");
        }
        ownership.require(known);
        return known;
    }

    private FeedGaps gaps(Source known) {
        Optional<long[]> bounds = store.feedBounds(known.name());
        if (bounds.isEmpty()) {
            return new FeedGaps(known.name(), null, null, 0, 0, List.of());
        }
        List<FeedGaps.Range> ranges = new ArrayList<>();
        long missing = 0;
        for (long[] gap : store.feedGaps(known.name())) {
            ranges.add(new FeedGaps.Range(gap[0], gap[1]));
            missing += gap[1] - gap[0] + 1;
        }
        long[] b = bounds.get();
        return new FeedGaps(known.name(), b[0], b[1], b[2], missing, ranges);
    }
}
