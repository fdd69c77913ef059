package org.lvs.triage.rest.dto;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;
import java.util.List;
import org.lvs.contract.referral.Source;

/**
 * One answer of {@code GET /api/v1/triage/feedback}: with {@code after}, the cursor fields ({@code after},
 * {@code limit}, {@code nextAfter}, {@code hasMore}); without, the page fields ({@code page}, {@code size},
 * {@code total}). The fields of the other reading are left out, not null.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record FeedbackPage(
        Source source,
        Instant since,
        boolean pending,
        Long after,
        Integer limit,
        Long nextAfter,
        Boolean hasMore,
        Integer page,
        Integer size,
        Long total,
        List<FeedbackItem> items) {

    public static FeedbackPage cursor(
            Source source,
            Instant since,
            boolean pending,
            long after,
            int limit,
            long nextAfter,
            boolean hasMore,
            List<FeedbackItem> items) {
        return new FeedbackPage(source, since, pending, after, limit, nextAfter, hasMore, null, null, null, items);
    }

    public static FeedbackPage paged(
            Source source, Instant since, boolean pending, int page, int size, long total, List<FeedbackItem> items) {
        return new FeedbackPage(source, since, pending, null, null, null, null, page, size, total, items);
    }
}
