package org.lvs.triage.persistence;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.node.ObjectNode;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import org.lvs.commons.jdbc.Sql;
import org.lvs.contract.event.EventJson;
import org.lvs.contract.event.ReferralDecided;
import org.lvs.contract.triage.Reason;
import org.lvs.triage.domain.Decision;

/**
 * Stored decisions: each version's (and re-decision's) {@code ReferralDecided} as published, and the latest per
 * referral. The feedback the police read from them is {@link FeedbackRepository}'s.
 */
@ApplicationScoped
public class DecisionRepository {

    private static final String INSERT = """
            INSERT INTO decision (referral_id, version, source, source_reference, outcome, data_issue, reason_codes,
                                  missing_fields, received_at, decided_at, payload, recorded_at, revision)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            """;

    private final Sql sql;

    DecisionRepository(Sql sql) {
        this.sql = sql;
    }

    /**
     * Inserts a batch's decisions in one JDBC batch (the driver rewrites it into multi-row inserts), inside the
     * caller's transaction.
     */
    public void insertAll(List<Decision> decided) {
        sql.batch(INSERT, decided.stream().map(DecisionRepository::row).toList());
    }

    private static Object[] row(Decision decision) {
        ReferralDecided d = decision.decided();
        return new Object[] {
            d.referralId(),
            d.version(),
            d.source().name(),
            d.sourceReference(),
            d.outcome().name(),
            d.dataIssue() == null ? null : d.dataIssue().name(),
            String.join(
                    ",", d.reasons().stream().map(Reason::code).map(Enum::name).toList()),
            String.join(",", decision.missingFields()),
            d.receivedAt(),
            d.decidedAt(),
            EventJson.write(d),
            d.recordedAt(),
            d.revision()
        };
    }

    /** The highest decided version of each of these referrals that has one. */
    public Map<UUID, Integer> latestVersions(Collection<UUID> referralIds) {
        Map<UUID, Integer> latest = new HashMap<>();
        if (!referralIds.isEmpty()) {
            sql.query(
                            "SELECT referral_id, max(version) FROM decision WHERE referral_id = ANY (?) GROUP BY referral_id",
                            r -> Map.entry(r.getObject(1, UUID.class), r.getInt(2)),
                            referralIds)
                    .forEach(e -> latest.put(e.getKey(), e.getValue()));
        }
        return latest;
    }

    /**
     * The newest {@code recordedAt} of any decided version: how far triage has got in the referrals' own time (for
     * replayed history, the replay's progress).
     */
    public Optional<Instant> newestRecordedAt() {
        return sql.query("SELECT max(recorded_at) AS newest FROM decision", r -> Sql.instant(r, "newest")).stream()
                .filter(Objects::nonNull)
                .findFirst();
    }

    /**
     * Removes the source reference from every stored decision of these referrals (column and payload), inside the
     * caller's transaction; the rest of each decision stays. Returns how many decisions changed.
     */
    public int eraseSourceReferences(Collection<UUID> referralIds) {
        if (referralIds.isEmpty()) {
            return 0;
        }
        List<Object[]> changed = sql.query(
                "SELECT id, payload FROM decision "
                        + "WHERE referral_id = ANY (?) AND source_reference IS NOT NULL ORDER BY id",
                r -> new Object[] {withoutSourceReference(r.getString(2)), r.getLong(1)},
                referralIds);
        sql.batch("UPDATE decision SET source_reference = NULL, payload = ? WHERE id = ?", changed);
        return changed.size();
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
        if (!referralIds.isEmpty()) {
            sql.query("""
                    SELECT DISTINCT ON (referral_id) referral_id, payload FROM decision
                    WHERE referral_id = ANY (?) ORDER BY referral_id, version DESC, revision DESC
                    """, r -> Map.entry(r.getObject(1, UUID.class), decided(r)), referralIds)
                    .forEach(e -> latest.put(e.getKey(), e.getValue()));
        }
        return latest;
    }

    private static ReferralDecided decided(ResultSet row) throws SQLException {
        try {
            return EventJson.mapper().readValue(row.getString("payload"), ReferralDecided.class);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a stored decision is not a ReferralDecided", e);
        }
    }

    /** The latest decision of a referral: its source (whose referral it is) and its {@code ReferralDecided} JSON. */
    public Optional<Latest> latest(UUID referralId) {
        return sql.queryOne("""
                SELECT source, payload FROM decision WHERE referral_id = ?
                ORDER BY version DESC, revision DESC LIMIT 1
                """, r -> new Latest(r.getString(1), r.getString(2)), referralId);
    }

    /** A referral's latest decision, as published. */
    public record Latest(String source, String payload) {}
}
