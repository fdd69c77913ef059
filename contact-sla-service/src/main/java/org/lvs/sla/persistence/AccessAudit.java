package org.lvs.sla.persistence;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import javax.sql.DataSource;
import org.lvs.sla.rest.dto.AccessAuditEntry;
import org.lvs.sla.rest.dto.PageOf;
import org.lvs.sla.service.Actor;

/**
 * Who read which case and who searched for whom, when and why (issue 11): one row per read of a case and per victim
 * search, in the caller's transaction, so a read or search that cannot be audited does not happen. A search keeps
 * its stated reason, the kinds of term used and a keyed HMAC of the terms, never the terms themselves.
 */
@ApplicationScoped
public class AccessAudit {

    public static final String CASE_READ = "CASE_READ";
    public static final String CASE_SEARCH = "CASE_SEARCH";

    private final DataSource dataSource;
    private final Clock clock;

    AccessAudit(DataSource dataSource, Clock clock) {
        this.dataSource = dataSource;
        this.clock = clock;
    }

    /** What the admin's list may filter by: {@code action} one of the two kinds, null for all. */
    public static final String ACTIONS = CASE_READ + "|" + CASE_SEARCH;

    @Transactional(Transactional.TxType.MANDATORY)
    public void caseRead(UUID referralId, Actor actor, boolean personalData) {
        insert(actor, CASE_READ, referralId, personalData, null, null, null, null, null);
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public void search(
            Actor actor, String reason, String criteria, String termsHmac, long resultCount, List<UUID> resultIds) {
        insert(actor, CASE_SEARCH, null, null, reason, criteria, termsHmac, (int) resultCount, resultIds);
    }

    /**
     * The erasure of a case removes the re-identifying parts of every search that found it: the stated reason
     * (free text) and the HMAC of the terms (the victim's name, phone...). Who searched, when and how many were found
     * stay.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public int forgetSearchesFor(UUID referralId) {
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement(
                        "update access_audit set reason = null, terms_hmac = null, terms_erased = true "
                                + "where action = 'CASE_SEARCH' and result_ids @> array[?::uuid] and not terms_erased")) {
            ps.setObject(1, referralId);
            return ps.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException("search audit update failed (SQLSTATE " + e.getSQLState() + ")", e);
        }
    }

    /** Entries from {@code from} (inclusive) to {@code to} (exclusive), oldest first. */
    @Transactional(Transactional.TxType.SUPPORTS)
    public PageOf<AccessAuditEntry> list(Instant from, Instant to, String action, String actor, Paging paging) {
        StringBuilder where = new StringBuilder(" where true");
        List<Object> args = new ArrayList<>();
        if (from != null) {
            where.append(" and at >= ?");
            args.add(CaseQueries.utc(from));
        }
        if (to != null) {
            where.append(" and at < ?");
            args.add(CaseQueries.utc(to));
        }
        if (action != null) {
            where.append(" and action = ?");
            args.add(action);
        }
        if (actor != null) {
            where.append(" and actor = ?");
            args.add(actor);
        }
        try (Connection c = dataSource.getConnection()) {
            long counted;
            try (PreparedStatement ps = c.prepareStatement(CappedCount.sql(" from access_audit" + where))) {
                bind(ps, args);
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    counted = rs.getLong(1);
                }
            }
            List<AccessAuditEntry> items = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement("select id, at, actor, action, referral_id, personal_data, "
                    + "reason, criteria, terms_hmac, result_count, result_ids, terms_erased from access_audit" + where
                    + " order by at, id limit ? offset ?")) {
                List<Object> paged = new ArrayList<>(args);
                paged.add(paging.size());
                paged.add(paging.offset());
                bind(ps, paged);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        items.add(entry(rs));
                    }
                }
            }
            return new PageOf<>(
                    items, paging.page(), paging.size(), CappedCount.total(counted), CappedCount.capped(counted), null);
        } catch (SQLException e) {
            throw new IllegalStateException("access audit query failed (SQLSTATE " + e.getSQLState() + ")", e);
        }
    }

    private void insert(
            Actor actor,
            String action,
            UUID referralId,
            Boolean personalData,
            String reason,
            String criteria,
            String termsHmac,
            Integer resultCount,
            List<UUID> resultIds) {
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement(
                        "insert into access_audit (at, actor, action, referral_id, personal_data, reason, criteria, "
                                + "terms_hmac, result_count, result_ids) values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
            ps.setObject(1, CaseQueries.utc(clock.instant()));
            ps.setString(2, actor.id());
            ps.setString(3, action);
            ps.setObject(4, referralId);
            ps.setObject(5, personalData);
            ps.setString(6, reason);
            ps.setString(7, criteria);
            ps.setString(8, termsHmac);
            ps.setObject(9, resultCount);
            ps.setArray(10, resultIds == null ? null : c.createArrayOf("uuid", resultIds.toArray()));
            ps.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException("access audit failed (SQLSTATE " + e.getSQLState() + ")", e);
        }
    }

    private static void bind(PreparedStatement ps, List<Object> args) throws SQLException {
        for (int i = 0; i < args.size(); i++) {
            ps.setObject(i + 1, args.get(i));
        }
    }

    private static AccessAuditEntry entry(ResultSet rs) throws SQLException {
        Timestamp at = rs.getTimestamp("at");
        Array ids = rs.getArray("result_ids");
        List<UUID> resultIds = ids == null
                ? null
                : Arrays.stream((Object[]) ids.getArray()).map(o -> (UUID) o).toList();
        Object personal = rs.getObject("personal_data");
        Object count = rs.getObject("result_count");
        return new AccessAuditEntry(
                rs.getLong("id"),
                at.toInstant(),
                rs.getString("actor"),
                rs.getString("action"),
                (UUID) rs.getObject("referral_id"),
                (Boolean) personal,
                rs.getString("reason"),
                rs.getString("criteria"),
                rs.getString("terms_hmac"),
                count == null ? null : ((Number) count).intValue(),
                resultIds,
                rs.getBoolean("terms_erased"));
    }
}
