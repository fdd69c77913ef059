package org.lvs.triage.persistence;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.node.ObjectNode;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import javax.sql.DataSource;
import org.lvs.contract.event.EventJson;
import org.lvs.contract.event.ReferralDecided;
import org.lvs.contract.triage.Reason;
import org.lvs.triage.domain.Decision;

/** Stored decisions: the latest per referral, and those the police should act on. */
@ApplicationScoped
public class DecisionRepository {

    private static final String INSERT = """
            INSERT INTO decision (referral_id, version, source, source_reference, outcome, data_issue, reason_codes,
                                  missing_fields, received_at, decided_at, payload, recorded_at, revision)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            """;

    /** The advisory lock that orders feedback positions (the bytes of "triage" and 1). */
    static final long FEEDBACK_SEQUENCER_LOCK = 0x7472696167650001L;

    private final EntityManager em;
    private final DataSource dataSource;

    DecisionRepository(EntityManager em, DataSource dataSource) {
        this.em = em;
        this.dataSource = dataSource;
    }

    /**
     * Inserts a batch's decisions in one JDBC batch (the driver rewrites it into multi-row inserts), inside the
     * caller's transaction: the datasource hands out the transaction's connection.
     */
    public void insertAll(List<Decision> decided) {
        if (decided.isEmpty()) {
            return;
        }
        try (Connection connection = dataSource.getConnection();
                PreparedStatement insert = connection.prepareStatement(INSERT)) {
            for (Decision decision : decided) {
                DecisionEntity row = toRow(decision);
                insert.setObject(1, row.referralId);
                insert.setInt(2, row.version);
                insert.setString(3, row.source);
                insert.setString(4, row.sourceReference);
                insert.setString(5, row.outcome);
                if (row.dataIssue == null) {
                    insert.setNull(6, Types.VARCHAR);
                } else {
                    insert.setString(6, row.dataIssue);
                }
                insert.setString(7, row.reasonCodes);
                insert.setString(8, row.missingFields);
                insert.setObject(9, row.receivedAt.atOffset(ZoneOffset.UTC));
                insert.setObject(10, row.decidedAt.atOffset(ZoneOffset.UTC));
                insert.setString(11, row.payload);
                insert.setObject(12, row.recordedAt.atOffset(ZoneOffset.UTC));
                insert.setInt(13, row.revision);
                insert.addBatch();
            }
            insert.executeBatch();
        } catch (SQLException e) {
            throw new IllegalStateException("cannot store a batch of decisions", e);
        }
    }

    /** The highest decided version of each of these referrals that has one. */
    public Map<UUID, Integer> latestVersions(Collection<UUID> referralIds) {
        Map<UUID, Integer> latest = new HashMap<>();
        if (referralIds.isEmpty()) {
            return latest;
        }
        try (Connection connection = dataSource.getConnection();
                PreparedStatement select = connection.prepareStatement(
                        "SELECT referral_id, max(version) FROM decision WHERE referral_id = ANY (?) "
                                + "GROUP BY referral_id")) {
            select.setArray(1, connection.createArrayOf("uuid", referralIds.toArray()));
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    latest.put(rows.getObject(1, UUID.class), rows.getInt(2));
                }
            }
            return latest;
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read the latest decided versions", e);
        }
    }

    private static DecisionEntity toRow(Decision decision) {
        var d = decision.decided();
        DecisionEntity row = new DecisionEntity();
        row.referralId = d.referralId();
        row.version = d.version();
        row.source = d.source().name();
        row.sourceReference = d.sourceReference();
        row.outcome = d.outcome().name();
        row.dataIssue = d.dataIssue() == null ? null : d.dataIssue().name();
        row.reasonCodes = String.join(",", d.reasons().stream().map(Reason::code).map(Enum::name).toList());
        row.missingFields = String.join(",", decision.missingFields());
        row.receivedAt = d.receivedAt();
        row.decidedAt = d.decidedAt();
        row.recordedAt = d.recordedAt();
        row.revision = d.revision();
        row.payload = EventJson.write(d);
        return row;
    }

    /**
     * The newest {@code recordedAt} of any decided version: how far triage has got in the referrals' own time (for
     * replayed history, the replay's progress).
     */
    public Optional<Instant> newestRecordedAt() {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement select = connection.prepareStatement("SELECT max(recorded_at) FROM decision");
                ResultSet row = select.executeQuery()) {
            OffsetDateTime newest = row.next() ? row.getObject(1, OffsetDateTime.class) : null;
            return Optional.ofNullable(newest).map(OffsetDateTime::toInstant);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read the newest recordedAt", e);
        }
    }

    /**
     * Removes the source reference from every stored decision of these referrals (column and payload), inside the
     * caller's transaction; the rest of each decision stays. Returns how many decisions changed.
     */
    public int eraseSourceReferences(Collection<UUID> referralIds) {
        if (referralIds.isEmpty()) {
            return 0;
        }
        try (Connection connection = dataSource.getConnection();
                PreparedStatement select = connection.prepareStatement(
                        "SELECT id, payload FROM decision WHERE referral_id = ANY (?) AND source_reference IS NOT NULL "
                                + "ORDER BY id");
                PreparedStatement update = connection.prepareStatement(
                        "UPDATE decision SET source_reference = NULL, payload = ? WHERE id = ?")) {
            select.setArray(1, connection.createArrayOf("uuid", referralIds.toArray()));
            int changed = 0;
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    update.setString(1, withoutSourceReference(rows.getString(2)));
                    update.setLong(2, rows.getLong(1));
                    update.addBatch();
                    changed++;
                }
            }
            if (changed > 0) {
                update.executeBatch();
            }
            return changed;
        } catch (SQLException e) {
            throw new IllegalStateException("cannot erase source references", e);
        }
    }

    /** The payload with {@code sourceReference} null, every other field and their order kept. */
    static String withoutSourceReference(String payload) {
        try {
            ObjectNode json = (ObjectNode) EventJson.mapper().readTree(payload);
            json.putNull("sourceReference");
            return EventJson.mapper().writeValueAsString(json);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a stored decision is not JSON", e);
        }
    }

    /** The latest decision, highest (version, revision), of each of these referrals that has one. */
    public Map<UUID, ReferralDecided> latestDecided(Collection<UUID> referralIds) {
        Map<UUID, ReferralDecided> latest = new HashMap<>();
        if (referralIds.isEmpty()) {
            return latest;
        }
        try (Connection connection = dataSource.getConnection();
                PreparedStatement select = connection.prepareStatement("""
                        SELECT DISTINCT ON (referral_id) referral_id, payload FROM decision
                        WHERE referral_id = ANY (?) ORDER BY referral_id, version DESC, revision DESC
                        """)) {
            select.setArray(1, connection.createArrayOf("uuid", referralIds.toArray()));
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    latest.put(rows.getObject(1, UUID.class),
                            EventJson.mapper().readValue(rows.getString(2), ReferralDecided.class));
                }
            }
            return latest;
        } catch (SQLException | JsonProcessingException e) {
            throw new IllegalStateException("cannot read the latest decisions", e);
        }
    }

    /** The latest decision of a referral: its source (whose referral it is) and its {@code ReferralDecided} JSON. */
    public Optional<Latest> latest(UUID referralId) {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery("""
                SELECT source, payload FROM decision WHERE referral_id = :id
                ORDER BY version DESC, revision DESC LIMIT 1
                """).setParameter("id", referralId).getResultList();
        return rows.stream().findFirst().map(r -> new Latest((String) r[0], (String) r[1]));
    }

    /** A referral's latest decision, as published. */
    public record Latest(String source, String payload) {
    }

    /**
     * Numbers the feedback decisions of these referral versions (just inserted by the caller's transaction) after
     * every position already assigned, in the order they were inserted. The sequencer lock is a transaction-scoped
     * advisory lock, so it is held until this transaction commits: the next transaction reads the highest position
     * only after this one's positions are visible, and positions become visible in increasing order (a sequence
     * would not do: a later value can commit first, and a client polling in between would skip the earlier one).
     * Call it last before commit, so the lock is held for a moment only.
     */
    public void assignFeedbackPositions(List<Decision> decided) {
        List<Decision> feedback = decided.stream()
                .filter(d -> d.needsFeedback() && d.decided().revision() == 0).toList();
        if (feedback.isEmpty()) {
            return;
        }
        try (Connection connection = dataSource.getConnection()) {
            try (PreparedStatement lock = connection.prepareStatement("SELECT pg_advisory_xact_lock(?)")) {
                lock.setLong(1, FEEDBACK_SEQUENCER_LOCK);
                lock.executeQuery().close();
            }
            // A statement of its own: its snapshot is taken after the lock is ours, so it sees every earlier position.
            try (PreparedStatement number = connection.prepareStatement("""
                    UPDATE decision d
                    SET feedback_position = (SELECT coalesce(max(feedback_position), 0) FROM decision) + n.ord
                    FROM (SELECT f.id, row_number() OVER (ORDER BY f.id) AS ord
                          FROM decision f JOIN unnest(?::uuid[], ?::int[]) AS k(referral_id, version)
                               ON f.referral_id = k.referral_id AND f.version = k.version
                          WHERE f.revision = 0 AND f.data_issue IS NOT NULL AND f.feedback_position IS NULL) n
                    WHERE d.id = n.id
                    """)) {
                number.setArray(1, connection.createArrayOf("uuid",
                        feedback.stream().map(d -> d.decided().referralId()).toArray()));
                number.setArray(2, connection.createArrayOf("integer",
                        feedback.stream().map(d -> d.decided().version()).toArray()));
                number.executeUpdate();
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot number the feedback decisions", e);
        }
    }

    /**
     * Feedback decisions of one source after a position, in position order (the cursor), at most {@code limit};
     * optionally only those received at or after {@code since}, and only those still each referral's latest.
     */
    public List<FeedbackRow> feedbackAfter(String source, long after, Instant since, boolean pendingOnly, int limit) {
        String sql = FEEDBACK_SELECT + " WHERE d.source = ? AND d.feedback_position > ?"
                + (since == null ? "" : " AND d.received_at >= ?")
                + (pendingOnly ? " AND latest.version = d.version" : "")
                + " ORDER BY d.feedback_position LIMIT ?";
        try (Connection connection = dataSource.getConnection();
                PreparedStatement select = connection.prepareStatement(sql)) {
            int i = 1;
            select.setString(i++, source);
            select.setLong(i++, after);
            if (since != null) {
                select.setObject(i++, since.atOffset(ZoneOffset.UTC));
            }
            select.setInt(i, limit);
            return feedbackRows(select);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read feedback", e);
        }
    }

    /**
     * Feedback decisions of one source received at or after {@code since}, oldest first by {@code receivedAt} (the
     * paged reading kept for clients that poll by time).
     */
    public List<FeedbackRow> feedbackSince(String source, Instant since, boolean pendingOnly, int offset, int limit) {
        String sql = FEEDBACK_SELECT + " WHERE d.source = ? AND d.feedback_position IS NOT NULL AND d.received_at >= ?"
                + (pendingOnly ? " AND latest.version = d.version" : "")
                + " ORDER BY d.received_at, d.referral_id, d.version LIMIT ? OFFSET ?";
        try (Connection connection = dataSource.getConnection();
                PreparedStatement select = connection.prepareStatement(sql)) {
            select.setString(1, source);
            select.setObject(2, since.atOffset(ZoneOffset.UTC));
            select.setInt(3, limit);
            select.setInt(4, offset);
            return feedbackRows(select);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read feedback", e);
        }
    }

    public long countFeedbackSince(String source, Instant since, boolean pendingOnly) {
        String sql = "SELECT count(*) FROM decision d WHERE d.source = ? AND d.feedback_position IS NOT NULL "
                + "AND d.received_at >= ?" + (pendingOnly
                        ? " AND d.version = (SELECT max(l.version) FROM decision l WHERE l.referral_id = d.referral_id)"
                        : "");
        try (Connection connection = dataSource.getConnection();
                PreparedStatement select = connection.prepareStatement(sql)) {
            select.setString(1, source);
            select.setObject(2, since.atOffset(ZoneOffset.UTC));
            try (ResultSet row = select.executeQuery()) {
                row.next();
                return row.getLong(1);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot count feedback", e);
        }
    }

    /** Each feedback decision with its referral's latest decided version and that version's data issue. */
    private static final String FEEDBACK_SELECT = """
            SELECT d.feedback_position, d.referral_id, d.version, d.source_reference, d.outcome, d.data_issue,
                   d.reason_codes, d.missing_fields, d.received_at, d.decided_at, latest.version, latest.data_issue
            FROM decision d
            JOIN LATERAL (SELECT l.version, l.data_issue FROM decision l WHERE l.referral_id = d.referral_id
                          ORDER BY l.version DESC, l.revision DESC LIMIT 1) latest ON true
            """;

    private static List<FeedbackRow> feedbackRows(PreparedStatement select) throws SQLException {
        List<FeedbackRow> rows = new ArrayList<>();
        try (ResultSet r = select.executeQuery()) {
            while (r.next()) {
                rows.add(new FeedbackRow(r.getLong(1), r.getObject(2, UUID.class), r.getInt(3), r.getString(4),
                        r.getString(5), r.getString(6), split(r.getString(7)), split(r.getString(8)),
                        r.getObject(9, OffsetDateTime.class).toInstant(),
                        r.getObject(10, OffsetDateTime.class).toInstant(), r.getInt(11), r.getString(12)));
            }
        }
        return rows;
    }

    private static List<String> split(String joined) {
        return joined == null || joined.isEmpty() ? List.of() : Arrays.asList(joined.split(","));
    }

    /** One feedback decision, its position, and what became of its referral since. */
    public record FeedbackRow(long position, UUID referralId, int version, String sourceReference, String outcome,
            String dataIssue, List<String> reasonCodes, List<String> missingFields, Instant receivedAt,
            Instant decidedAt, int latestVersion, String latestDataIssue) {
    }
}
