package org.lvs.sla.service;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import javax.sql.DataSource;
import org.lvs.commons.problem.ProblemException;
import org.lvs.contract.casework.CaseStatus;
import org.lvs.contract.triage.Pathway;
import org.lvs.contract.triage.Priority;
import org.lvs.contract.triage.Strand;

/**
 * The read side: breaches, at-risk, work queues and caseloads. Plain SQL over the
 * partial indexes of V1 (each list is one index range scan in due order), with "now" from the injected clock.
 */
@ApplicationScoped
public class CaseQueries {

    public static final int MAX_PAGE_SIZE = 500;
    public static final int DEFAULT_PAGE_SIZE = 50;
    private static final ZoneId LONDON = ZoneId.of("Europe/London");
    private static final String ROW_COLUMNS = "c.referral_id, c.strand, c.pathway, c.area, c.priority, c.status, "
            + "c.clock_state, c.started_at, c.due_at, c.breached_at, c.attempts, c.worker, c.first_contact_at, "
            + "c.crime_category, c.hate_strands, c.risk_level, c.age_band, c.vulnerabilities, c.unsafe_to_contact";

    @Inject
    DataSource dataSource;
    @Inject
    Clock clock;
    @Inject
    CapacityPolicy capacity;

    /** Filters shared by the SLA lists; raw text so every bad one is named in one 400. */
    public record Filters(String strand, String area, String priority, String from, String to, String page,
            String size) {
    }

    public PageOf<CaseRow> breaches(Filters filters, String open) {
        Fields f = new Fields();
        boolean onlyOpen = open == null || open.isBlank() || parseBoolean(f, "open", open);
        Where where = filters(f, filters);
        int[] paging = paging(f, filters.page(), filters.size());
        f.throwIfAny();
        where.and(onlyOpen ? "c.clock_state = 'BREACHED'" : "c.clock_state in ('BREACHED', 'MET_LATE')");
        return page(where, "c.due_at, c.referral_id", paging, clock.instant(), false);
    }

    public PageOf<CaseRow> atRisk(String withinHours, Filters filters) {
        Fields f = new Fields();
        Integer hours = null;
        if (withinHours == null || withinHours.isBlank()) {
            f.error("withinHours", "is required (1 to 720)");
        } else {
            try {
                hours = Integer.parseInt(withinHours.trim());
                if (hours < 1 || hours > 720) {
                    f.error("withinHours", "must be from 1 to 720");
                }
            } catch (NumberFormatException e) {
                f.error("withinHours", "must be a whole number from 1 to 720");
            }
        }
        Where where = filters(f, filters);
        int[] paging = paging(f, filters.page(), filters.size());
        f.throwIfAny();
        Instant now = clock.instant();
        // RUNNING and AT_RISK: started, not paused, no contact made, not yet flagged as breached
        where.and("c.clock_state in ('RUNNING', 'AT_RISK')");
        where.and("c.due_at > ?", utc(now));
        where.and("c.due_at <= ?", utc(now.plus(Duration.ofHours(hours))));
        return page(where, "c.due_at, c.referral_id", paging, now, false);
    }

    public PageOf<CaseRow> workQueue(String status, String strand, String page, String size) {
        Fields f = new Fields();
        CaseStatus s = f.optionalEnum("status", status, CaseStatus.class);
        Strand st = f.optionalEnum("strand", strand, Strand.class);
        int[] paging = paging(f, page, size);
        f.throwIfAny();
        Where where = new Where();
        if (s != null) {
            where.and("c.status = ?", s.name());
        }
        if (st != null) {
            where.and("c.strand = ?", st.name());
        }
        return page(where, "c.due_at, c.referral_id", paging, clock.instant(), false);
    }

    /** Open cases per worker against the capacity of their pathway; over capacity means more than capacity. */
    public List<Map<String, Object>> workers() {
        String sql = "select worker, pathway, count(*) from sla_case where worker is not null and status <> 'CLOSED' "
                + "group by worker, pathway order by worker";
        Map<String, Map<String, Object>> byWorker = new LinkedHashMap<>();
        Map<String, Long> largest = new LinkedHashMap<>();
        query(sql, List.of(), rs -> {
            String worker = rs.getString(1);
            String pathway = rs.getString(2);
            long n = rs.getLong(3);
            Map<String, Object> row = byWorker.computeIfAbsent(worker, w -> {
                Map<String, Object> m = new LinkedHashMap<>();
                m.put("worker", w);
                m.put("openCases", 0L);
                m.put("byPathway", new LinkedHashMap<String, Long>());
                return m;
            });
            row.put("openCases", (Long) row.get("openCases") + n);
            @SuppressWarnings("unchecked")
            Map<String, Long> per = (Map<String, Long>) row.get("byPathway");
            per.put(pathway == null ? "NONE" : pathway, n);
            if (pathway != null && n > largest.getOrDefault(worker, -1L)) {
                largest.put(worker, n);
                row.put("pathway", pathway);
            }
        });
        List<Map<String, Object>> rows = new ArrayList<>();
        for (Map<String, Object> row : byWorker.values()) {
            String pathway = (String) row.get("pathway");
            Integer cap = pathway == null ? null : capacity.of(Pathway.valueOf(pathway));
            long open = (Long) row.get("openCases");
            Map<String, Object> out = new LinkedHashMap<>();
            out.put("worker", row.get("worker"));
            out.put("pathway", pathway);
            out.put("openCases", open);
            out.put("capacity", cap);
            out.put("overCapacity", cap != null && open > cap);
            out.put("byPathway", row.get("byPathway"));
            rows.add(out);
        }
        return rows;
    }

    private Where filters(Fields f, Filters filters) {
        Where where = new Where();
        Strand strand = f.optionalEnum("strand", filters.strand(), Strand.class);
        Priority priority = f.optionalEnum("priority", filters.priority(), Priority.class);
        Instant from = startOf(f, "from", filters.from(), false);
        Instant to = startOf(f, "to", filters.to(), true);
        if (strand != null) {
            where.and("c.strand = ?", strand.name());
        }
        if (filters.area() != null && !filters.area().isBlank()) {
            where.and("c.area = ?", filters.area().trim());
        }
        if (priority != null) {
            where.and("c.priority = ?", priority.name());
        }
        if (from != null) {
            where.and("c.started_at >= ?", utc(from));
        }
        if (to != null) {
            where.and("c.started_at < ?", utc(to));
        }
        return where;
    }

    /** A date (Europe/London; {@code to} includes the whole day) or an instant. */
    static Instant startOf(Fields f, String field, String value, boolean endOfDay) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            LocalDate date = LocalDate.parse(value.trim());
            return (endOfDay ? date.plusDays(1) : date).atStartOfDay(LONDON).toInstant();
        } catch (DateTimeParseException notADate) {
            try {
                Instant at = Fields.parseInstant(value);
                return endOfDay ? at.plusNanos(1) : at;
            } catch (DateTimeParseException e) {
                f.error(field, "must be a date (2017-06-30) or an instant");
                return null;
            }
        }
    }

    static int[] paging(Fields f, String page, String size) {
        int p = 0;
        int s = DEFAULT_PAGE_SIZE;
        if (page != null && !page.isBlank()) {
            try {
                p = Integer.parseInt(page.trim());
                if (p < 0) {
                    f.error("page", "must be 0 or more");
                }
            } catch (NumberFormatException e) {
                f.error("page", "must be a whole number (pages count from 0)");
            }
        }
        if (size != null && !size.isBlank()) {
            try {
                s = Integer.parseInt(size.trim());
                if (s < 1 || s > MAX_PAGE_SIZE) {
                    f.error("size", "must be from 1 to " + MAX_PAGE_SIZE);
                }
            } catch (NumberFormatException e) {
                f.error("size", "must be a whole number from 1 to " + MAX_PAGE_SIZE);
            }
        }
        return new int[] {p, s};
    }

    private static boolean parseBoolean(Fields f, String field, String value) {
        String v = value.trim().toLowerCase();
        if (!v.equals("true") && !v.equals("false")) {
            f.error(field, "must be true or false");
            return true;
        }
        return Boolean.parseBoolean(v);
    }

    PageOf<CaseRow> page(Where where, String order, int[] paging, Instant now, boolean withPerson) {
        String from = withPerson ? " from sla_case c join case_person p on p.referral_id = c.referral_id"
                : " from sla_case c";
        String columns = ROW_COLUMNS + (withPerson ? ", p.first_name, p.last_name" : "");
        List<CaseRow> items = new ArrayList<>();
        List<Object> args = new ArrayList<>(where.args);
        args.add(paging[1]);
        args.add((long) paging[0] * paging[1]);
        query("select " + columns + from + where.sql() + " order by " + order + " limit ? offset ?", args,
                rs -> items.add(row(rs, now, withPerson)));
        long[] total = {0};
        query("select count(*)" + from + where.sql(), where.args, rs -> total[0] = rs.getLong(1));
        return new PageOf<>(items, paging[0], paging[1], total[0]);
    }

    private static CaseRow row(ResultSet rs, Instant now, boolean withPerson) throws SQLException {
        Instant started = instant(rs, "started_at");
        Instant due = instant(rs, "due_at");
        Instant firstContact = instant(rs, "first_contact_at");
        String state = rs.getString("clock_state");
        Double overdue = null;
        Double remaining = null;
        if ("BREACHED".equals(state)) {
            overdue = CaseViews.hours(Duration.between(due, firstContact != null ? firstContact : now));
        } else if ("MET_LATE".equals(state) && firstContact != null) {
            overdue = CaseViews.hours(Duration.between(due, firstContact));
        } else if (("RUNNING".equals(state) || "AT_RISK".equals(state)) && due != null) {
            Duration left = Duration.between(now, due);
            if (left.isNegative()) {
                overdue = CaseViews.hours(left.negated());
            } else {
                remaining = CaseViews.hours(left);
            }
        }
        String name = null;
        if (withPerson) {
            String first = rs.getString("first_name");
            String last = rs.getString("last_name");
            name = ((first == null ? "" : first) + " " + (last == null ? "" : last)).trim();
        }
        return new CaseRow((UUID) rs.getObject("referral_id"), rs.getString("strand"), rs.getString("pathway"),
                rs.getString("area"), rs.getString("priority"), rs.getString("status"), state, started, due,
                instant(rs, "breached_at"), overdue, remaining, rs.getInt("attempts"), rs.getString("worker"),
                firstContact, rs.getString("crime_category"), CaseContext.split(rs.getString("hate_strands")),
                rs.getString("risk_level"), rs.getString("age_band"), CaseContext.split(rs.getString("vulnerabilities")),
                rs.getBoolean("unsafe_to_contact"), name);
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        Timestamp t = rs.getTimestamp(column);
        return t == null ? null : t.toInstant();
    }

    static java.time.OffsetDateTime utc(Instant at) {
        return java.time.OffsetDateTime.ofInstant(at, java.time.ZoneOffset.UTC);
    }

    interface RowHandler {
        void handle(ResultSet rs) throws SQLException;
    }

    void query(String sql, List<Object> args, RowHandler handler) {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
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
    static final class Where {
        final List<String> conditions = new ArrayList<>();
        final List<Object> args = new ArrayList<>();

        void and(String condition, Object... values) {
            conditions.add(condition);
            args.addAll(List.of(values));
        }

        String sql() {
            return conditions.isEmpty() ? "" : " where " + String.join(" and ", conditions);
        }
    }
}
