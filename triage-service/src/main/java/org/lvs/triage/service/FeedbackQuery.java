package org.lvs.triage.service;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.lvs.commons.problem.ProblemException;
import org.lvs.commons.security.SourceAccess;
import org.lvs.contract.FieldError;
import org.lvs.contract.referral.Source;
import org.lvs.triage.persistence.DecisionRepository;

/**
 * What the police should correct: decisions with a data issue ({@code DECLINED_NO_CONSENT}, {@code DATA_ISSUE},
 * {@code INSUFFICIENT_DATA}) of one source, oldest first by the version's {@code receivedAt}, so an integration can
 * page forward and poll again with the {@code receivedAt} of the last item it saw. Each item says whether a later
 * version of the referral was decided since ({@code superseded}) and whether that later decision has no data issue
 * any more ({@code resolved}); {@code pending=true} keeps only the decisions that are still each referral's latest.
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

    public record FeedbackItem(UUID referralId, Source source, String sourceReference, int version, String outcome,
            String dataIssue, List<String> reasonCodes, List<String> missingFields, Instant receivedAt,
            Instant decidedAt, int latestVersion, boolean superseded, boolean resolved, boolean stillToCorrect) {
    }

    public record FeedbackPage(Source source, Instant since, boolean pending, int page, int size, long total,
            List<FeedbackItem> items) {
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public FeedbackPage find(String sourceParam, String sinceParam, String pendingParam, String pageParam,
            String sizeParam) {
        List<FieldError> errors = new ArrayList<>();
        Source source = parseSource(sourceParam, errors);
        Instant since = parseSince(sinceParam, errors);
        boolean pending = parseBoolean(pendingParam, errors);
        int page = parseInt("page", pageParam, 0, 0, Integer.MAX_VALUE / MAX_SIZE, errors);
        int size = parseInt("size", sizeParam, DEFAULT_SIZE, 1, MAX_SIZE, errors);
        if (!errors.isEmpty()) {
            throw ProblemException.badRequest(errors);
        }
        access.requireSource(source.name());
        long total = decisions.countFeedback(source.name(), since, pending);
        List<FeedbackItem> items = decisions.feedback(source.name(), since, pending, page * size, size).stream()
                .map(r -> new FeedbackItem(r.referralId(), source, r.sourceReference(), r.version(), r.outcome(),
                        r.dataIssue(), r.reasonCodes(), r.missingFields(), r.receivedAt(), r.decidedAt(),
                        r.latestVersion(), r.latestVersion() > r.version(),
                        r.latestVersion() > r.version() && r.latestDataIssue() == null,
                        r.latestVersion() == r.version()))
                .toList();
        return new FeedbackPage(source, since, pending, page, size, total, items);
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
            errors.add(new FieldError("since", "is required: an ISO-8601 instant, e.g. 2017-08-01T00:00:00Z"));
            return null;
        }
        try {
            return java.time.OffsetDateTime.parse(value.trim()).toInstant();
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
