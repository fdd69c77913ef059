package org.lvs.ingest.service;

import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.lvs.commons.problem.ProblemException;
import org.lvs.contract.referral.Source;
import org.lvs.ingest.config.IngestConfig;
import org.lvs.ingest.persistence.ReferralIdentity;
import org.lvs.ingest.persistence.ReferralStore;
import org.lvs.ingest.persistence.RejectionRow;
import org.lvs.ingest.persistence.RejectionStore;
import org.lvs.ingest.rest.dto.FeedGaps;
import org.lvs.ingest.rest.dto.ReferralView;
import org.lvs.ingest.rest.dto.Rejections;

/**
 * Read side: a referral's versions, a source's feed gaps and rejections; a referrer sees only its own sources' (403
 * otherwise).
 */
@ApplicationScoped
public class ReferralQueries {

    /** The most rejections one page may ask for. */
    public static final int MAX_REJECTIONS_LIMIT = 1000;

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

    public ReferralView referral(UUID referralId) {
        ownership.requireSomeSource();
        ReferralIdentity identity;
        try {
            identity = store.find(referralId).orElseThrow(() -> ProblemException.notFound("no referral with this id"));
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
     * A source's rejected records after {@code after}, in position order. The REST edge has checked both numbers.
     *
     * @param after the last position the caller saw (0: from the start)
     * @param limit rows at most, 1 to {@link #MAX_REJECTIONS_LIMIT}; null for
     *              {@code lvs.ingest.rejections.default-limit}
     */
    public Rejections rejections(String source, long after, Integer limit) {
        Source known = ownSource(source);
        int rows = limit == null ? config.rejections().defaultLimit() : limit;
        List<RejectionRow> page;
        try {
            page = rejections.after(known.name(), after, rows);
        } catch (RuntimeException e) {
            throw DatabaseErrors.translate(e, config.retryAfterSeconds());
        }
        return Rejections.of(known.name(), after, page);
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
