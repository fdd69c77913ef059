package org.lvs.ingest.service;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.lvs.commons.problem.ProblemException;
import org.lvs.contract.referral.Source;
import org.lvs.ingest.config.IngestConfig;
import org.lvs.ingest.persistence.ReferralStore;
import org.lvs.ingest.persistence.StoreUnavailableException;

/** Read side: a referral's versions, a source's feed gaps. */
@ApplicationScoped
public class ReferralQueries {

    @Inject
    ReferralStore store;
    @Inject
    IngestConfig config;

    public ReferralView referral(String referralId) {
        UUID id;
        try {
            id = UUID.fromString(referralId);
        } catch (IllegalArgumentException e) {
            throw ProblemException.notFound("no referral with this id");
        }
        try {
            return store.find(id).map(ReferralView::of)
                    .orElseThrow(() -> ProblemException.notFound("no referral with this id"));
        } catch (StoreUnavailableException e) {
            throw unavailable();
        }
    }

    public FeedGaps gaps(String source) {
        Source known;
        try {
            known = Source.valueOf(source);
        } catch (IllegalArgumentException e) {
            throw ProblemException.notFound("unknown source; one of ADT, OFFICER_DIRECT, MASH, PARTNER, SELF");
        }
        try {
            return gaps(known);
        } catch (StoreUnavailableException e) {
            throw unavailable();
        }
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

    private ProblemException unavailable() {
        return ProblemException.unavailable("The database is unavailable; retry later", config.retryAfterSeconds());
    }
}
