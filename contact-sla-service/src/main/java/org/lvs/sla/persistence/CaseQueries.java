package org.lvs.sla.persistence;

import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import javax.sql.DataSource;
import org.lvs.contract.casework.CaseStatus;
import org.lvs.contract.triage.Priority;
import org.lvs.contract.triage.Strand;
import org.lvs.sla.domain.Hours;
import org.lvs.sla.rest.dto.CaseRow;
import org.lvs.sla.rest.dto.PageOf;

/**
 * The read side's SQL: breaches, at-risk, work queues, victim search and caseloads. Plain SQL over the partial
 * indexes of V1 (each list is one index range scan in due order); "now" comes from the caller, which takes it from
 * the injected clock. Arguments arrive typed and validated.
 */
@ApplicationScoped
public class CaseQueries {

    private static final String DUE_ORDER = "c.due_at, c.referral_id";
    private static final String ROW_COLUMNS = "c.referral_id, c.strand, c.pathway, c.area, c.priority, c.status, "
            + "c.clock_state, c.started_at, c.due_at, c.breached_at, c.attempts, c.worker, c.first_contact_at, "
            + "c.crime_category, c.hate_strands, c.risk_level, c.age_band, c.vulnerabilities, c.unsafe_to_contact";
    /** The condition each search term adds (constants of ours, never input). */
    private static final Map<String, String> SEARCH_COLUMNS = Map.of(
            "firstName", "p.first_name_norm = ?",
            "lastName", "p.last_name_norm = ?",
            "dateOfBirth", "p.date_of_birth = ?::date",
            "postcode", "p.postcode_norm = ?",
            "phone", "p.phone_norm = ?",
            "email", "p.email_norm = ?",
            "personRef", "p.person_ref_norm = ?");

    private final DataSource dataSource;

    CaseQueries(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** The SLA lists' filters; null where not given. {@code to} is exclusive. */
    public record Filter(Strand strand, String area, Priority priority, Instant from, Instant to) {}

    /** Breached cases, oldest due first; with {@code onlyOpen} false also those met late. */
    public PageOf<CaseRow> breaches(Filter filter, boolean onlyOpen, Paging paging, Instant now) {
        Where where = where(filter);
        where.and(onlyOpen ? "c.clock_state = 'BREACHED'" : "c.clock_state in ('BREACHED', 'MET_LATE')");
        return page(where, paging, now, false);
    }

    /** Running clocks, no contact made, due within {@code hours} and not yet due, soonest first. */
    public PageOf<CaseRow> atRisk(int hours, Filter filter, Paging paging, Instant now) {
        Where where = where(filter);
        // RUNNING and AT_RISK: started, not paused, no contact made, not yet flagged as breached
        where.and("c.clock_state in ('RUNNING', 'AT_RISK')");
        where.and("c.due_at > ?", utc(now));
        where.and("c.due_at <= ?", utc(now.plus(Duration.ofHours(hours))));
        return page(where, paging, now, false);
    }

    /** A work queue, soonest due first; null status or strand for all. */
    public PageOf<CaseRow> workQueue(CaseStatus status, Strand strand, Paging paging, Instant now) {
        Where where = new Where();
        if (status != null) {
            where.and("c.status = ?", status.name());
        }
        if (strand != null) {
            where.and("c.strand = ?", strand.name());
        }
        return page(where, paging, now, false);
    }

    /** Cases whose victim matches every normalised term (by the names of {@code SearchTerms}), with the name. */
    public PageOf<CaseRow> search(Map<String, String> terms, Paging paging, Instant now) {
        Where where = new Where();
        terms.forEach((name, value) -> where.and(SEARCH_COLUMNS.get(name), value));
        return page(where, paging, now, true);
    }

    /** A worker's open cases per pathway, workers in order. */
    public record WorkerLoad(String worker, String pathway, long openCases) {}

    /**
     * From the counters the case's own transaction keeps (migration V6), not a count over every open case: a few
     * rows per worker, however many cases there are.
     */
    public List<WorkerLoad> openCasesPerWorker() {
        List<WorkerLoad> loads = new ArrayList<>();
        query(
                "select worker, nullif(pathway, ''), open_cases from worker_caseload where open_cases > 0 "
                        + "order by worker, pathway",
                List.of(),
                rs -> loads.add(new WorkerLoad(rs.getString(1), rs.getString(2), rs.getLong(3))));
        return loads;
    }

    private static Where where(Filter filter) {
        Where where = new Where();
        if (filter.strand() != null) {
            where.and("c.strand = ?", filter.strand().name());
        }
        if (filter.area() != null && !filter.area().isBlank()) {
            where.and("c.area = ?", filter.area().trim());
        }
        if (filter.priority() != null) {
            where.and("c.priority = ?", filter.priority().name());
        }
        if (filter.from() != null) {
            where.and("c.started_at >= ?", utc(filter.from()));
        }
        if (filter.to() != null) {
            where.and("c.started_at < ?", utc(filter.to()));
        }
        return where;
    }

    private PageOf<CaseRow> page(Where where, Paging paging, Instant now, boolean withPerson) {
        String from = withPerson
                ? " from sla_case c join case_person p on p.referral_id = c.referral_id"
                : " from sla_case c";
        String columns = ROW_COLUMNS + (withPerson ? ", p.first_name, p.last_name" : "");
        List<CaseRow> items = new ArrayList<>();
        Where rows = where.copy();
        if (paging.after() != null) { // keyset: one range scan from the cursor's key, in the index's order
            rows.and(
                    "(c.due_at, c.referral_id) > (?, ?)",
                    utc(paging.after().dueAt()),
                    paging.after().referralId());
        }
        List<Object> args = new ArrayList<>(rows.args);
        args.add(paging.size());
        args.add(paging.offset());
        query(
                "select " + columns + from + rows.sql() + " order by " + DUE_ORDER + " limit ? offset ?",
                args,
                rs -> items.add(row(rs, now, withPerson)));
        long[] counted = {0};
        query(CappedCount.sql(from + where.sql()), where.args, rs -> counted[0] = rs.getLong(1));
        String next = null;
        if (!items.isEmpty() && items.size() == paging.size()) {
            CaseRow last = items.get(items.size() - 1);
            next = new Cursor(last.dueAt(), last.referralId()).token();
        }
        return new PageOf<>(
                items,
                paging.page(),
                paging.size(),
                CappedCount.total(counted[0]),
                CappedCount.capped(counted[0]),
                next);
    }

    private static CaseRow row(ResultSet rs, Instant now, boolean withPerson) throws SQLException {
        Instant started = instant(rs, "started_at");
        Instant due = instant(rs, "due_at");
        Instant firstContact = instant(rs, "first_contact_at");
        String state = rs.getString("clock_state");
        Double overdue = null;
        Double remaining = null;
        if ("BREACHED".equals(state)) {
            overdue = Hours.of(Duration.between(due, firstContact != null ? firstContact : now));
        } else if ("MET_LATE".equals(state) && firstContact != null) {
            overdue = Hours.of(Duration.between(due, firstContact));
        } else if (("RUNNING".equals(state) || "AT_RISK".equals(state)) && due != null) {
            Duration left = Duration.between(now, due);
            if (left.isNegative()) {
                overdue = Hours.of(left.negated());
            } else {
                remaining = Hours.of(left);
            }
        }
        String name = null;
        if (withPerson) {
            String first = rs.getString("first_name");
            String last = rs.getString("last_name");
            name = ((first == null ? "" : first) + " " + (last == null ? "" : last)).trim();
        }
        return new CaseRow(
                (UUID) rs.getObject("referral_id"),
                rs.getString("strand"),
                rs.getString("pathway"),
                rs.getString("area"),
                rs.getString("priority"),
                rs.getString("status"),
                state,
                started,
                due,
                instant(rs, "breached_at"),
                overdue,
                remaining,
                rs.getInt("attempts"),
                rs.getString("worker"),
                firstContact,
                rs.getString("crime_category"),
                ListColumn.split(rs.getString("hate_strands")),
                rs.getString("risk_level"),
                rs.getString("age_band"),
                ListColumn.split(rs.getString("vulnerabilities")),
                rs.getBoolean("unsafe_to_contact"),
                name);
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        Timestamp t = rs.getTimestamp(column);
        return t == null ? null : t.toInstant();
    }

    /** An instant bound as {@code timestamptz} in UTC, whatever the JVM's zone. */
    static OffsetDateTime utc(Instant at) {
        return OffsetDateTime.ofInstant(at, ZoneOffset.UTC);
    }

    /** Reads one row of a result. */
    interface RowHandler {
        void handle(ResultSet rs) throws SQLException;
    }

    void query(String sql, List<Object> args, RowHandler handler) {
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < args.size(); i++) {
                ps.setObject(i + 1, args.get(i));
            }
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    handler.handle(rs);
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("query failed: " + e.getSQLState(), e);
        }
    }

    /** A WHERE clause built from conditions and their arguments. */
    private static final class Where {
        final List<String> conditions = new ArrayList<>();
        final List<Object> args = new ArrayList<>();

        void and(String condition, Object... values) {
            conditions.add(condition);
            args.addAll(List.of(values));
        }

        String sql() {
            return conditions.isEmpty() ? "" : " where " + String.join(" and ", conditions);
        }

        Where copy() {
            Where copy = new Where();
            copy.conditions.addAll(conditions);
            copy.args.addAll(args);
            return copy;
        }
    }
}
