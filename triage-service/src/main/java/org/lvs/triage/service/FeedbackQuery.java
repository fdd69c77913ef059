package org.lvs.triage.service;

import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.List;
import org.lvs.commons.security.SourceAccess;
import org.lvs.contract.referral.Source;
import org.lvs.triage.persistence.FeedbackRepository;
import org.lvs.triage.persistence.FeedbackRow;
import org.lvs.triage.rest.dto.FeedbackItem;
import org.lvs.triage.rest.dto.FeedbackPage;
import org.lvs.triage.rest.dto.FeedbackParams;

/**
 * What the police should correct: decisions with a data issue ({@code DECLINED_NO_CONSENT}, {@code DATA_ISSUE},
 * {@code INSUFFICIENT_DATA}) of one source (issue 12). Each has a {@code position}, increasing in the order the
 * decisions committed, so a client reads them as a cursor:
 *
 * <ul>
 * <li>{@code ?source=ADT[&after=N][&limit=L]}: the decisions after position N (default 0), in position order, at most L
 * (default 100, 1–1000); the answer's {@code nextAfter} is the position to poll with next. A client that always polls
 * with the last position it saw never misses a decision and never sees one twice, also when decisions commit from
 * several partitions or instances at once.</li>
 * <li>{@code ?source=ADT&since=T[&page=P][&size=S]} without {@code after}: the paged reading by the version's
 * {@code receivedAt} (at or after T, oldest first), kept for clients that poll by time; with {@code after},
 * {@code since} only filters the cursor.</li>
 * </ul>
 *
 * Each item says whether a later version of the referral was decided since ({@code superseded}) and whether that
 * later decision has no data issue any more ({@code resolved}); {@code pending=true} keeps only the decisions that are
 * still each referral's latest. A referrer reads only its token's sources (403 otherwise). The parameters arrive
 * validated ({@link FeedbackParams}).
 */
@ApplicationScoped
public class FeedbackQuery {

    private final FeedbackRepository feedback;
    private final SourceAccess access;

    FeedbackQuery(FeedbackRepository feedback, SourceAccess access) {
        this.feedback = feedback;
        this.access = access;
    }

    public FeedbackPage find(FeedbackParams params) {
        Source source = params.sourceName();
        access.requireSource(source.name());
        Instant since = params.sinceInstant();
        boolean pending = params.pendingOnly();
        if (params.cursor()) {
            long after = params.afterOrStart();
            int limit = params.limitOrDefault();
            // one more than asked, to tell whether more follow
            List<FeedbackRow> rows = feedback.after(source.name(), after, since, pending, limit + 1);
            List<FeedbackItem> items =
                    rows.stream().limit(limit).map(r -> item(source, r)).toList();
            long nextAfter =
                    items.isEmpty() ? after : items.get(items.size() - 1).position();
            return FeedbackPage.cursor(source, since, pending, after, limit, nextAfter, rows.size() > limit, items);
        }
        int page = params.pageOrFirst();
        int size = params.sizeOrDefault();
        long total = feedback.countSince(source.name(), since, pending);
        List<FeedbackItem> items = feedback.since(source.name(), since, pending, page * size, size).stream()
                .map(r -> item(source, r))
                .toList();
        return FeedbackPage.paged(source, since, pending, page, size, total, items);
    }

    private static FeedbackItem item(Source source, FeedbackRow r) {
        boolean superseded = r.latestVersion() > r.version();
        return new FeedbackItem(
                r.position(),
                r.referralId(),
                source,
                r.sourceReference(),
                r.version(),
                r.outcome(),
                r.dataIssue(),
                r.reasonCodes(),
                r.missingFields(),
                r.receivedAt(),
                r.decidedAt(),
                r.latestVersion(),
                superseded,
                superseded && r.latestDataIssue() == null,
                !superseded);
    }
}
