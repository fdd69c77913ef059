package org.lvs.metrics.persistence;

import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.lvs.commons.jdbc.Sql;
import org.lvs.metrics.domain.CaseTiming;
import org.lvs.metrics.domain.ReportingPeriod;

/** Read-only SQL over the fact tables. Periods are half-open instant ranges [start, endExclusive). */
@ApplicationScoped
public class FigureQueries {

    /** Referral columns a breakdown may group by (never user input: a fixed list). */
    private static final Set<String> REFERRAL_COLUMNS = Set.of(
            "source",
            "category",
            "area",
            "gender",
            "age_band",
            "outcome",
            "strand",
            "pathway",
            "how_heard",
            "hate_strand",
            "risk_level");

    private static final String IN_PERIOD = " first_received_at >= ? AND first_received_at < ? ";

    private final Sql jdbc;

    FigureQueries(Sql jdbc) {
        this.jdbc = jdbc;
    }

    public long referralCount(ReportingPeriod p) {
        return jdbc.count(
                "SELECT count(DISTINCT coalesce(source, '') || '|' || coalesce(source_reference, "
                        + "referral_id::text)) FROM referral_fact WHERE" + IN_PERIOD,
                p.start(),
                p.endExclusive());
    }

    /** Referrals of the period grouped by a column of their latest decision, with an optional extra condition. */
    public Map<String, Long> referralBreakdown(ReportingPeriod p, String column, String condition, String nullKey) {
        requireBreakdownColumn(column);
        String sql = "SELECT coalesce(" + column + ", '" + nullKey + "'), count(*) FROM referral_fact WHERE" + IN_PERIOD
                + (condition == null ? "" : " AND " + condition) + " GROUP BY 1 ORDER BY 1";
        return toMap(jdbc.query(sql, rs -> Map.entry(rs.getString(1), rs.getLong(2)), p.start(), p.endExclusive()));
    }

    /** Column names are written into the SQL, so only those of the fixed list pass. */
    private static void requireBreakdownColumn(String column) {
        if (!REFERRAL_COLUMNS.contains(column)) {
            throw new IllegalArgumentException("not a breakdown column: " + column);
        }
    }

    private record BreakdownRow(int grouping, String key, long count) {}

    /**
     * Several breakdowns of the period's referrals from one pass over them, as {@link #referralBreakdown} gives each
     * (the referrals section's six took six scans: 0.33 s against 0.08 s for the demo's year). Keyed by column, in
     * the order given, each ordered by value. One grouping set a column: {@code grouping()} tells the sets apart
     * (its bit for the set's own column is 0), and the other columns are null in each set's rows.
     */
    public Map<String, Map<String, Long>> referralBreakdowns(ReportingPeriod p, String nullKey, String... columns) {
        for (String column : columns) {
            requireBreakdownColumn(column);
        }
        String list = String.join(", ", columns);
        String asText = String.join("::text, ", columns) + "::text";
        String sets = "(" + String.join("), (", columns) + ")";
        List<BreakdownRow> rows = jdbc.query(
                "SELECT grouping(" + list + "), coalesce(" + asText + ", '" + nullKey + "'), count(*) "
                        + "FROM referral_fact WHERE" + IN_PERIOD + "GROUP BY GROUPING SETS (" + sets
                        + ") ORDER BY 1, 2",
                rs -> new BreakdownRow(rs.getInt(1), rs.getString(2), rs.getLong(3)),
                p.start(),
                p.endExclusive());
        Map<String, Map<String, Long>> breakdowns = new LinkedHashMap<>();
        for (String column : columns) {
            breakdowns.put(column, new LinkedHashMap<>());
        }
        for (BreakdownRow r : rows) {
            // grouping()'s first argument is its highest bit
            int index = columns.length - 1 - Integer.numberOfTrailingZeros(~r.grouping());
            // a null and a stored value equal to the null key count together, as coalesce groups them
            breakdowns.get(columns[index]).merge(r.key(), r.count(), Long::sum);
        }
        return breakdowns;
    }

    public long referralCountWhere(ReportingPeriod p, String condition) {
        return jdbc.count(
                "SELECT count(*) FROM referral_fact WHERE" + IN_PERIOD + " AND " + condition,
                p.start(),
                p.endExclusive());
    }

    /** Per first-decision issue: {count, resolved}. */
    public Map<String, long[]> dataIssues(ReportingPeriod p) {
        Map<String, long[]> result = new LinkedHashMap<>();
        jdbc.query(
                "SELECT first_data_issue, count(*), count(*) FILTER (WHERE first_issue_resolved) "
                        + "FROM referral_fact WHERE" + IN_PERIOD + " AND first_data_issue IS NOT NULL GROUP BY 1",
                rs -> result.put(rs.getString(1), new long[] {rs.getLong(2), rs.getLong(3)}),
                p.start(),
                p.endExclusive());
        return result;
    }

    public Map<String, Long> intakeByStatus(ReportingPeriod p) {
        return toMap(jdbc.query(
                "SELECT status, count(*) FROM intake_fact WHERE at >= ? AND at < ? GROUP BY 1",
                rs -> Map.entry(rs.getString(1), rs.getLong(2)),
                p.start(),
                p.endExclusive()));
    }

    public record Gap(String source, long from, long to) {}

    public List<String> feedSources(ReportingPeriod p) {
        return jdbc.query(
                "SELECT DISTINCT coalesce(source, 'UNKNOWN') FROM intake_fact WHERE at >= ? AND at < ? "
                        + "AND feed_sequence IS NOT NULL ORDER BY 1",
                rs -> rs.getString(1),
                p.start(),
                p.endExclusive());
    }

    /** Runs of missing feedSequence numbers per source, between the lowest and highest seen in the period. */
    public List<Gap> feedGaps(ReportingPeriod p) {
        return jdbc.query(
                """
                SELECT source, prev + 1, feed_sequence - 1 FROM (
                    SELECT source, feed_sequence,
                           lag(feed_sequence) OVER (PARTITION BY source ORDER BY feed_sequence) AS prev
                    FROM (SELECT DISTINCT coalesce(source, 'UNKNOWN') AS source, feed_sequence FROM intake_fact
                          WHERE at >= ? AND at < ? AND feed_sequence IS NOT NULL) seen) ordered
                WHERE prev IS NOT NULL AND feed_sequence > prev + 1
                ORDER BY source, prev""", rs -> new Gap(rs.getString(1), rs.getLong(2), rs.getLong(3)), p.start(), p.endExclusive());
    }

    /** Cases whose clock started in the period; priority by the referral's latest decision (else the case's). */
    public List<CaseRow> casesStartedIn(ReportingPeriod p) {
        return jdbc.query(
                """
                SELECT c.referral_id,
                       CASE WHEN r.referral_id IS NOT NULL THEN r.priority ELSE c.priority END AS priority,
                       coalesce(c.strand, r.strand) AS strand, c.clock_state, c.started_at, c.paused_seconds,
                       coalesce(c.first_contact_at,
                                (SELECT min(k.at) FROM contact_fact k
                                  WHERE k.referral_id = c.referral_id AND k.contact_made)) AS first_contact_at
                FROM case_fact c LEFT JOIN referral_fact r ON r.referral_id = c.referral_id
                WHERE c.started_at >= ? AND c.started_at < ?""",
                rs -> new CaseRow(
                        (UUID) rs.getObject(1),
                        rs.getString(2),
                        new CaseTiming(
                                rs.getString(3),
                                rs.getString(4),
                                Sql.instant(rs, "started_at"),
                                rs.getLong(6),
                                Sql.instant(rs, "first_contact_at"))),
                p.start(),
                p.endExclusive());
    }

    public record CaseRow(UUID referralId, String priority, CaseTiming timing) {
        public boolean isPriority() {
            return "PRIORITY".equals(priority);
        }
    }

    /**
     * The instant that waiting lists, caseloads and services waiting are taken at (metrics.md): a period's end, or
     * now for a period not yet over. {@code now} reads the cases' newest facts; otherwise each case's facts after its
     * last event before the instant.
     */
    public record AsAt(Instant instant, boolean now) {
        public static AsAt of(ReportingPeriod period, Instant now) {
            return now.isBefore(period.endExclusive()) ? new AsAt(now, true) : new AsAt(period.endExclusive(), false);
        }

        /**
         * Each case's facts at that instant, as a subquery, with its parameters. Both orders descend so the primary
         * key, read backwards, hands each case's latest fact first with no sort (0.19 s against 0.51 s for the demo's
         * 159,000 facts).
         */
        String cases() {
            return now
                    ? "SELECT referral_id, status, strand, pathway, worker, capacity, first_contact_at FROM case_fact"
                    : """
                    SELECT DISTINCT ON (referral_id) referral_id, status, strand, pathway, worker, capacity,
                           first_contact_at
                    FROM case_state_fact WHERE at < ? ORDER BY referral_id DESC, sequence DESC""";
        }

        /**
         * Joins each row's case status at that instant as {@code c.status}, looked up by the case's key: for a past
         * instant, the case's last fact before it through the primary key, rather than every case's history.
         */
        String caseStatusJoin(String referralColumn) {
            return now
                    ? "LEFT JOIN case_fact c ON c.referral_id = " + referralColumn
                    : "LEFT JOIN LATERAL (SELECT status FROM case_state_fact f WHERE f.referral_id = " + referralColumn
                            + " AND f.at < ? ORDER BY f.sequence DESC LIMIT 1) c ON true";
        }

        List<Object> caseParameters() {
            return now ? List.of() : List.of(instant);
        }
    }

    /** A row of {@link #casesAsAt}: W a waiting case, L a worker's load, C a pathway's capacity. */
    private record AsAtRow(String kind, String key1, String key2, Instant firstContactAt, long count, Long capacity) {}

    /** A case waiting for a worker after first contact: its strand, pathway and first contact. */
    public record WaitingCase(String strand, String pathway, Instant firstContactAt) {}

    /** A worker's open cases in a pathway, and the capacity those cases carry (the pathway's, when they were sent). */
    public record WorkerLoad(String pathway, String worker, long openCases, Long capacity) {}

    /**
     * The cases as at an instant, as the summary uses them: those open, contacted by then and not assigned; each
     * worker's open cases by pathway (ordered by pathway, then worker); and each pathway's capacity (the largest its
     * cases carry).
     */
    public record CasesAsAt(List<WaitingCase> waiting, List<WorkerLoad> workerLoads, Map<String, Long> capacities) {}

    /**
     * All three from one reading of the cases' facts as at the instant: for a past instant that reading is a pass over
     * every case's history, which three queries made three times (0.53 s against 0.21 s for the demo's half year).
     */
    public CasesAsAt casesAsAt(AsAt asAt) {
        List<Object> params = new ArrayList<>(asAt.caseParameters());
        params.add(asAt.instant());
        List<AsAtRow> rows = jdbc.query(
                "WITH c AS MATERIALIZED (" + asAt.cases() + ")\n" + """
                        SELECT 'W', coalesce(strand, 'UNKNOWN'), coalesce(pathway, 'UNKNOWN'), first_contact_at,
                               NULL::bigint, NULL::bigint
                        FROM c WHERE coalesce(status, '') <> 'CLOSED' AND first_contact_at <= ? AND worker IS NULL
                        UNION ALL
                        SELECT 'L', coalesce(pathway, 'UNKNOWN'), worker, NULL, count(*), max(capacity)
                        FROM c WHERE coalesce(status, '') <> 'CLOSED' AND worker IS NOT NULL
                        GROUP BY coalesce(pathway, 'UNKNOWN'), worker
                        UNION ALL
                        SELECT 'C', pathway, NULL, NULL, NULL, max(capacity)
                        FROM c WHERE pathway IS NOT NULL AND capacity IS NOT NULL GROUP BY pathway
                        ORDER BY 1, 2, 3""",
                rs -> new AsAtRow(
                        rs.getString(1),
                        rs.getString(2),
                        rs.getString(3),
                        Sql.instant(rs, "first_contact_at"),
                        rs.getLong(5),
                        rs.getObject(6) == null ? null : rs.getLong(6)),
                params.toArray());
        List<WaitingCase> waiting = new ArrayList<>();
        List<WorkerLoad> loads = new ArrayList<>();
        Map<String, Long> capacities = new LinkedHashMap<>();
        for (AsAtRow r : rows) {
            switch (r.kind()) {
                case "W" -> waiting.add(new WaitingCase(r.key1(), r.key2(), r.firstContactAt()));
                case "L" -> loads.add(new WorkerLoad(r.key1(), r.key2(), r.count(), r.capacity()));
                default -> capacities.put(r.key1(), r.capacity());
            }
        }
        return new CasesAsAt(List.copyOf(waiting), List.copyOf(loads), capacities);
    }

    /**
     * Every onward-service request paired with its start: a case's n-th request for a service with its n-th start of
     * that service, so a second course's wait counts as well as the first's.
     */
    private static final String SERVICE_PAIRS = """
            WITH e AS (
                SELECT referral_id, service, kind, at,
                       row_number() OVER (PARTITION BY referral_id, service, kind ORDER BY sequence) AS n
                FROM service_event_fact),
            pairs AS (
                SELECT r.referral_id, r.service, r.at AS requested_at, s.at AS started_at
                FROM e r LEFT JOIN e s ON s.referral_id = r.referral_id AND s.service = r.service
                    AND s.kind = 'STARTED' AND s.n = r.n
                WHERE r.kind = 'REQUESTED')
            """;

    public record ServiceWait(String service, Instant requestedAt, Instant startedAt) {}

    /** Requests whose service started in the period, with both times. */
    public List<ServiceWait> servicesStartedIn(ReportingPeriod p) {
        return jdbc.query(
                SERVICE_PAIRS + "SELECT service, requested_at, started_at FROM pairs "
                        + "WHERE started_at >= ? AND started_at < ?",
                rs -> new ServiceWait(rs.getString(1), Sql.instant(rs, "requested_at"), Sql.instant(rs, "started_at")),
                p.start(),
                p.endExclusive());
    }

    /** Per service, the requests made before the instant and not started by then, of cases open then. */
    public Map<String, Long> servicesWaiting(AsAt asAt) {
        List<Object> params = new ArrayList<>(asAt.caseParameters());
        params.add(asAt.instant());
        params.add(asAt.instant());
        return toMap(jdbc.query(
                SERVICE_PAIRS + "SELECT p.service, count(*) FROM pairs p " + asAt.caseStatusJoin("p.referral_id")
                        + " WHERE p.requested_at < ? AND (p.started_at IS NULL OR p.started_at >= ?) "
                        + "AND coalesce(c.status, '') <> 'CLOSED' GROUP BY 1",
                rs -> Map.entry(rs.getString(1), rs.getLong(2)),
                params.toArray()));
    }

    public record ContactRow(String channel, String outcome, boolean contactMade, List<String> supportTypes) {}

    public List<ContactRow> contactsIn(ReportingPeriod p) {
        return jdbc.query(
                "SELECT channel, outcome, contact_made, support_types FROM contact_fact " + "WHERE at >= ? AND at < ?",
                rs -> new ContactRow(rs.getString(1), rs.getString(2), rs.getBoolean(3), List.of((String[])
                        rs.getArray(4).getArray())),
                p.start(),
                p.endExclusive());
    }

    public record OutcomePair(Integer startWellbeing, Integer endWellbeing) {}

    /**
     * Cases whose latest START and latest END scores were both recorded in the period. Each stage's latest scores are
     * their own subquery: one CTE read twice is materialised, and PostgreSQL joined the two scans of it in a nested
     * loop, testing every START against every END (3.1 s for a year of the demo's 3,526 scores; 8 ms this way).
     */
    public List<OutcomePair> outcomesIn(ReportingPeriod p) {
        return jdbc.query(
                """
                SELECT s.wellbeing, e.wellbeing
                FROM (SELECT DISTINCT ON (referral_id) referral_id, wellbeing, at FROM outcome_fact
                      WHERE stage = 'START' ORDER BY referral_id, sequence DESC) s
                JOIN (SELECT DISTINCT ON (referral_id) referral_id, wellbeing, at FROM outcome_fact
                      WHERE stage = 'END' ORDER BY referral_id, sequence DESC) e ON e.referral_id = s.referral_id
                WHERE s.at >= ? AND s.at < ? AND e.at >= ? AND e.at < ?""",
                rs -> new OutcomePair((Integer) rs.getObject(1), (Integer) rs.getObject(2)),
                p.start(),
                p.endExclusive(),
                p.start(),
                p.endExclusive());
    }

    public Map<LocalDate, Long> referralsPerDay(ReportingPeriod p) {
        Map<LocalDate, Long> result = new LinkedHashMap<>();
        jdbc.query(
                "SELECT (first_received_at AT TIME ZONE 'Europe/London')::date, count(*) FROM referral_fact " + "WHERE"
                        + IN_PERIOD + " GROUP BY 1 ORDER BY 1",
                rs -> result.put(rs.getObject(1, LocalDate.class), rs.getLong(2)),
                p.start(),
                p.endExclusive());
        return result;
    }

    /** Cases by current clock state (a case with none yet counts as RUNNING), from the running counts. */
    public Map<String, Long> clockStatesNow() {
        return toMap(jdbc.query(
                "SELECT k1, sum(n) FROM gauge_count WHERE gauge = 'clock_state' GROUP BY 1 " + "HAVING sum(n) <> 0",
                rs -> Map.entry(rs.getString(1), rs.getLong(2))));
    }

    /** Events applied to the live facts (their applied-event marks), from the running counts. */
    public long eventsApplied() {
        return jdbc.count("SELECT coalesce(sum(n), 0) FROM gauge_count WHERE gauge = 'events_applied'");
    }

    private static Map<String, Long> toMap(List<Map.Entry<String, Long>> entries) {
        Map<String, Long> map = new LinkedHashMap<>();
        entries.forEach(e -> map.put(e.getKey(), e.getValue()));
        return map;
    }
}
