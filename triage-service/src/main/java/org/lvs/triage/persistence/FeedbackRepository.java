package org.lvs.triage.persistence;

import jakarta.enterprise.context.ApplicationScoped;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import org.lvs.commons.jdbc.Sql;
import org.lvs.triage.domain.Decision;

/**
 * The decisions the police should act on (revision 0 with a data issue): their positions, numbered in commit order,
 * and the two readings of them, the cursor by position and the paged reading by {@code receivedAt}.
 */
@ApplicationScoped
public class FeedbackRepository {

    /** The advisory lock that orders feedback positions (the bytes of "triage" and 1). */
    static final long FEEDBACK_SEQUENCER_LOCK = 0x7472696167650001L;

    /** Each feedback decision with its referral's latest decided version and that version's data issue. */
    private static final String FEEDBACK_SELECT = """
            SELECT d.feedback_position, d.referral_id, d.version, d.source_reference, d.outcome, d.data_issue,
                   d.reason_codes, d.missing_fields, d.received_at, d.decided_at, latest.version, latest.data_issue
            FROM decision d
            JOIN LATERAL (SELECT l.version, l.data_issue FROM decision l WHERE l.referral_id = d.referral_id
                          ORDER BY l.version DESC, l.revision DESC LIMIT 1) latest ON true
            """;

    private static final String NUMBER_POSITIONS = """
            UPDATE decision d
            SET feedback_position = (SELECT coalesce(max(feedback_position), 0) FROM decision) + n.ord
            FROM (SELECT f.id, row_number() OVER (ORDER BY f.id) AS ord
                  FROM decision f JOIN unnest(?::uuid[], ?::int[]) AS k(referral_id, version)
                       ON f.referral_id = k.referral_id AND f.version = k.version
                  WHERE f.revision = 0 AND f.data_issue IS NOT NULL AND f.feedback_position IS NULL) n
            WHERE d.id = n.id
            """;

    private final Sql sql;

    FeedbackRepository(Sql sql) {
        this.sql = sql;
    }

    /**
     * Numbers the feedback decisions of these referral versions (just inserted by the caller's transaction) after
     * every position already assigned, in the order they were inserted. The sequencer lock is a transaction-scoped
     * advisory lock, so it is held until this transaction commits: the next transaction reads the highest position
     * only after this one's positions are visible, and positions become visible in increasing order (a sequence
     * would not do: a later value can commit first, and a client polling in between would skip the earlier one).
     * Call it last before commit, so the lock is held for a moment only.
     */
    public void assignPositions(List<Decision> decided) {
        List<Decision> feedback = decided.stream()
                .filter(d -> d.needsFeedback() && d.decided().revision() == 0)
                .toList();
        if (feedback.isEmpty()) {
            return;
        }
        sql.query("SELECT pg_advisory_xact_lock(?)", row -> true, FEEDBACK_SEQUENCER_LOCK);
        // A statement of its own: its snapshot is taken after the lock is ours, so it sees every earlier position.
        sql.update(
                NUMBER_POSITIONS,
                feedback.stream().map(d -> d.decided().referralId()).toList(),
                feedback.stream().map(d -> d.decided().version()).toList());
    }

    /**
     * Feedback decisions of one source after a position, in position order (the cursor), at most {@code limit};
     * optionally only those received at or after {@code since}, and only those still each referral's latest.
     */
    public List<FeedbackRow> after(String source, long after, Instant since, boolean pendingOnly, int limit) {
        String query = FEEDBACK_SELECT + " WHERE d.source = ? AND d.feedback_position > ?"
                + (since == null ? "" : " AND d.received_at >= ?")
                + (pendingOnly ? " AND latest.version = d.version" : "")
                + " ORDER BY d.feedback_position LIMIT ?";
        return since == null
                ? sql.query(query, FeedbackRepository::row, source, after, limit)
                : sql.query(query, FeedbackRepository::row, source, after, since, limit);
    }

    /**
     * Feedback decisions of one source received at or after {@code since}, oldest first by {@code receivedAt} (the
     * paged reading kept for clients that poll by time).
     */
    public List<FeedbackRow> since(String source, Instant since, boolean pendingOnly, int offset, int limit) {
        String query = FEEDBACK_SELECT
                + " WHERE d.source = ? AND d.feedback_position IS NOT NULL AND d.received_at >= ?"
                + (pendingOnly ? " AND latest.version = d.version" : "")
                + " ORDER BY d.received_at, d.referral_id, d.version LIMIT ? OFFSET ?";
        return sql.query(query, FeedbackRepository::row, source, since, limit, offset);
    }

    /** How many decisions {@link #since} reads over all pages. */
    public long countSince(String source, Instant since, boolean pendingOnly) {
        return sql.count(
                "SELECT count(*) FROM decision d WHERE d.source = ? AND d.feedback_position IS NOT NULL "
                        + "AND d.received_at >= ?"
                        + (pendingOnly
                                ? " AND d.version = (SELECT max(l.version) FROM decision l WHERE l.referral_id = d.referral_id)"
                                : ""),
                source,
                since);
    }

    private static FeedbackRow row(ResultSet r) throws SQLException {
        return new FeedbackRow(
                r.getLong(1),
                r.getObject(2, UUID.class),
                r.getInt(3),
                r.getString(4),
                r.getString(5),
                r.getString(6),
                split(r.getString(7)),
                split(r.getString(8)),
                r.getObject(9, OffsetDateTime.class).toInstant(),
                r.getObject(10, OffsetDateTime.class).toInstant(),
                r.getInt(11),
                r.getString(12));
    }

    private static List<String> split(String joined) {
        return joined == null || joined.isEmpty() ? List.of() : Arrays.asList(joined.split(","));
    }
}
