package org.lvs.triage.service;

import com.fasterxml.jackson.annotation.JsonInclude;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.lvs.commons.problem.ProblemException;
import org.lvs.commons.security.SourceAccess;
import org.lvs.contract.FieldError;
import org.lvs.contract.referral.Source;
import org.lvs.triage.persistence.DecisionRepository;
import org.lvs.triage.persistence.DecisionRepository.FeedbackRow;

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
 * still each referral's latest. A referrer reads only its token's sources (403 otherwise).
 */
@ApplicationScoped
public class FeedbackQuery {

    public static final int DEFAULT_SIZE = 100;
    public static final int MAX_SIZE = 1000;

    private final DecisionRepository decisions;
    private final SourceAccess access;

    FeedbackQuery(DecisionRepository decisions, SourceAccess access) {
        this.decisions = decisions;
        this.access = access;
    }

    /** The query parameters as sent; every bad one is named in one 400. */
    public record Params(String source, String since, String after, String limit, String pending, String page,
            String size) {
    }

    public record FeedbackItem(long position, UUID referralId, Source source, String sourceReference, int version,
            String outcome, String dataIssue, List<String> reasonCodes, List<String> missingFields,
            Instant receivedAt, Instant decidedAt, int latestVersion, boolean superseded, boolean resolved,
            boolean stillToCorrect) {
    }

    /**
     * One answer: with {@code after}, the cursor fields ({@code after}, {@code limit}, {@code nextAfter},
     * {@code hasMore}); without, the page fields ({@code page}, {@code size}, {@code total}).
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record FeedbackPage(Source source, Instant since, boolean pending, Long after, Integer limit,
            Long nextAfter, Boolean hasMore, Integer page, Integer size, Long total, List<FeedbackItem> items) {
    }

    public FeedbackPage find(Params params) {
        List<FieldError> errors = new ArrayList<>();
        Source source = parseSource(params.source(), errors);
        Instant since = parseSince(params.since(), errors);
        boolean pending = parseBoolean(params.pending(), errors);
        boolean cursor = params.after() != null || params.since() == null || params.since().isBlank();
        Long after = parseLong("after", params.after(), 0L, errors);
        int limit = parseInt("limit", params.limit(), DEFAULT_SIZE, 1, MAX_SIZE, errors);
        int page = parseInt("page", params.page(), 0, 0, Integer.MAX_VALUE / MAX_SIZE, errors);
        int size = parseInt("size", params.size(), DEFAULT_SIZE, 1, MAX_SIZE, errors);
        if (cursor) {
            notWith("page", params.page(), errors);
            notWith("size", params.size(), errors);
        } else if (params.limit() != null) {
            errors.add(new FieldError("limit", "is used with after; with since alone, use page and size"));
        }
        if (!errors.isEmpty()) {
            throw ProblemException.badRequest(errors);
        }
        access.requireSource(source.name());
        if (cursor) {
            // one more than asked, to tell whether more follow
            List<FeedbackRow> rows = decisions.feedbackAfter(source.name(), after, since, pending, limit + 1);
            boolean hasMore = rows.size() > limit;
            List<FeedbackItem> items = rows.stream().limit(limit).map(r -> item(source, r)).toList();
            long nextAfter = items.isEmpty() ? after : items.get(items.size() - 1).position();
            return new FeedbackPage(source, since, pending, after, limit, nextAfter, hasMore, null, null, null, items);
        }
        long total = decisions.countFeedbackSince(source.name(), since, pending);
        List<FeedbackItem> items = decisions.feedbackSince(source.name(), since, pending, page * size, size).stream()
                .map(r -> item(source, r)).toList();
        return new FeedbackPage(source, since, pending, null, null, null, null, page, size, total, items);
    }

    private static FeedbackItem item(Source source, FeedbackRow r) {
        boolean superseded = r.latestVersion() > r.version();
        return new FeedbackItem(r.position(), r.referralId(), source, r.sourceReference(), r.version(), r.outcome(),
                r.dataIssue(), r.reasonCodes(), r.missingFields(), r.receivedAt(), r.decidedAt(), r.latestVersion(),
                superseded, superseded && r.latestDataIssue() == null, !superseded);
    }

    private static void notWith(String field, String value, List<FieldError> errors) {
        if (value != null) {
            errors.add(new FieldError(field, "is used with since alone; with the cursor (after), use limit and "
                    + "continue from nextAfter"));
        }
    }

    private static Source parseSource(String value, List<FieldError> errors) {
        if (value == null || value.isBlank()) {
            errors.add(new FieldError("source", "is required: one of ADT, OFFICER_DIRECT, MASH, PARTNER, SELF"));
            return null;
        }
        try {
            return Source.valueOf(value.trim());
        } catch (IllegalArgumentException e) {
            errors.add(new FieldError("source", "must be one of ADT, OFFICER_DIRECT, MASH, PARTNER, SELF"));
            return null;
        }
    }

    private static Instant parseSince(String value, List<FieldError> errors) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return OffsetDateTime.parse(value.trim()).toInstant();
        } catch (DateTimeParseException e) {
            errors.add(new FieldError("since", "must be an ISO-8601 instant with offset, e.g. 2017-08-01T00:00:00Z"));
            return null;
        }
    }

    private static boolean parseBoolean(String value, List<FieldError> errors) {
        if (value == null || value.isBlank()) {
            return false;
        }
        if (value.equalsIgnoreCase("true") || value.equalsIgnoreCase("false")) {
            return Boolean.parseBoolean(value);
        }
        errors.add(new FieldError("pending", "must be true or false"));
        return false;
    }

    private static Long parseLong(String field, String value, long fallback, List<FieldError> errors) {
        if (value == null || value.isBlank()) {
            return fallback;
        }
        try {
            long parsed = Long.parseLong(value.trim());
            if (parsed >= 0) {
                return parsed;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        errors.add(new FieldError(field, "must be a position: an integer from 0"));
        return fallback;
    }

    private static int parseInt(String field, String value, int fallback, int min, int max, List<FieldError> errors) {
        if (value == null || value.isBlank()) {
            return fallback;
        }
        try {
            int parsed = Integer.parseInt(value.trim());
            if (parsed >= min && parsed <= max) {
                return parsed;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        errors.add(new FieldError(field, "must be an integer from " + min + " to " + max));
        return fallback;
    }
}
