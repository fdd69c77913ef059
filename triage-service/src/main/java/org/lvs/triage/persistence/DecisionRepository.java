package org.lvs.triage.persistence;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.node.ObjectNode;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import javax.sql.DataSource;
import org.lvs.contract.event.EventJson;
import org.lvs.contract.triage.Reason;
import org.lvs.triage.domain.Decision;

/** Stored decisions: the latest per referral, and those the police should act on. */
@ApplicationScoped
public class DecisionRepository {

    private static final String INSERT = """
            INSERT INTO decision (referral_id, version, source, source_reference, outcome, data_issue, reason_codes,
                                  missing_fields, received_at, decided_at, payload, recorded_at)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            """;

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

    /** The latest decision of a referral: its source (whose referral it is) and its {@code ReferralDecided} JSON. */
    public Optional<Latest> latest(UUID referralId) {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery("""
                SELECT source, payload FROM decision WHERE referral_id = :id ORDER BY version DESC LIMIT 1
                """).setParameter("id", referralId).getResultList();
        return rows.stream().findFirst().map(r -> new Latest((String) r[0], (String) r[1]));
    }

    /** A referral's latest decision, as published. */
    public record Latest(String source, String payload) {
    }

    /**
     * Decisions of one source with a data issue, received at or after {@code since}, oldest first, each with its
     * referral's latest decided version and that version's data issue.
     */
    public List<FeedbackRow> feedback(String source, Instant since, boolean pendingOnly, int offset, int limit) {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery("""
                SELECT d.referral_id, d.version, d.source_reference, d.outcome, d.data_issue, d.reason_codes,
                       d.missing_fields, d.received_at, d.decided_at, latest.version, latest.data_issue
                FROM decision d
                JOIN LATERAL (SELECT l.version, l.data_issue FROM decision l WHERE l.referral_id = d.referral_id
                              ORDER BY l.version DESC LIMIT 1) latest ON true
                WHERE d.source = :source AND d.data_issue IS NOT NULL AND d.received_at >= :since
                  AND (:pendingOnly = false OR latest.version = d.version)
                ORDER BY d.received_at, d.referral_id, d.version
                LIMIT :limit OFFSET :offset
                """).setParameter("source", source).setParameter("since", Timestamp.from(since))
                .setParameter("pendingOnly", pendingOnly).setParameter("offset", offset)
                .setParameter("limit", limit).getResultList();
        return rows.stream().map(DecisionRepository::toFeedbackRow).toList();
    }

    public long countFeedback(String source, Instant since, boolean pendingOnly) {
        Number count = (Number) em.createNativeQuery("""
                SELECT count(*) FROM decision d
                WHERE d.source = :source AND d.data_issue IS NOT NULL AND d.received_at >= :since
                  AND (:pendingOnly = false
                       OR d.version = (SELECT max(l.version) FROM decision l WHERE l.referral_id = d.referral_id))
                """).setParameter("source", source).setParameter("since", Timestamp.from(since))
                .setParameter("pendingOnly", pendingOnly).getSingleResult();
        return count.longValue();
    }

    private static FeedbackRow toFeedbackRow(Object[] r) {
        return new FeedbackRow((UUID) r[0], ((Number) r[1]).intValue(), (String) r[2], (String) r[3], (String) r[4],
                split((String) r[5]), split((String) r[6]), instant(r[7]), instant(r[8]), ((Number) r[9]).intValue(),
                (String) r[10]);
    }

    private static List<String> split(String joined) {
        return joined == null || joined.isEmpty() ? List.of() : Arrays.asList(joined.split(","));
    }

    private static Instant instant(Object value) {
        if (value instanceof Instant i) {
            return i;
        }
        if (value instanceof Timestamp t) {
            return t.toInstant();
        }
        if (value instanceof java.time.OffsetDateTime o) {
            return o.toInstant();
        }
        throw new IllegalStateException("unexpected timestamp type " + value.getClass());
    }

    /** One feedback decision with what became of its referral since. */
    public record FeedbackRow(UUID referralId, int version, String sourceReference, String outcome, String dataIssue,
            List<String> reasonCodes, List<String> missingFields, Instant receivedAt, Instant decidedAt,
            int latestVersion, String latestDataIssue) {
    }
}
