package org.lvs.sla.service;

import com.fasterxml.jackson.annotation.JsonInclude;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.lvs.contract.casework.OnwardService;
import org.lvs.contract.triage.Strand;

/**
 * Who waits (sla-policy.md, queries): per strand, open cases contacted but not yet assigned to a worker, with the wait
 * since first contact; per onward service, requests not yet started. Every waiting case is listed, a page at a time:
 * each group carries its total ({@code waiting}, {@code pages}) and the page {@code page} of {@code size} of its
 * entries, longest wait first. Each group's page comes straight from the partial index ({@code LATERAL ... LIMIT
 * OFFSET}), so the answer stays fast with a million cases.
 */
@ApplicationScoped
public class WaitingLists {

    private static final String UNASSIGNED = "from sla_case where worker is null and status <> 'CLOSED' "
            + "and first_contact_at is not null";
    private static final String PENDING = "from case_service s join sla_case c on c.referral_id = s.referral_id "
            + "where s.started_at is null and c.status <> 'CLOSED'";

    private final CaseQueries queries;
    private final Clock clock;

    WaitingLists(CaseQueries queries, Clock clock) {
        this.queries = queries;
        this.clock = clock;
    }

    /** The answer: the page asked for, and the groups (only the asked-for one when a group is named). */
    public record View(int page, int size, List<Group> strands, List<Group> services) {
    }

    /** A waiting list: its total, its longest wait, how many pages it has at this size, and this page's entries. */
    public record Group(String name, long waiting, Double longestWaitHours, long pages, List<Entry> items) {
    }

    /** One waiting case: since its first contact (strands) or since the request (services). */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Entry(UUID referralId, Instant firstContactAt, Instant requestedAt, Double waitingHours) {
    }

    public View list(String page, String size, String strand, String service) {
        Fields f = new Fields();
        int[] paging = CaseQueries.paging(f, page, size);
        Strand oneStrand = f.optionalEnum("strand", strand, Strand.class);
        OnwardService oneService = f.optionalEnum("service", service, OnwardService.class);
        f.throwIfAny();
        boolean filtered = oneStrand != null || oneService != null;
        Instant now = clock.instant();
        List<Group> strands = filtered && oneStrand == null ? List.of()
                : strands(oneStrand == null ? Strand.values() : new Strand[] {oneStrand}, paging, now,
                        oneStrand == null);
        List<Group> services = filtered && oneService == null ? List.of()
                : services(oneService == null ? OnwardService.values() : new OnwardService[] {oneService}, paging,
                        now);
        return new View(paging[0], paging[1], strands, services);
    }

    private List<Group> strands(Strand[] names, int[] paging, Instant now, boolean withoutStrand) {
        Map<String, Totals> totals = new LinkedHashMap<>();
        Arrays.stream(names).forEach(s -> totals.put(s.name(), new Totals()));
        Map<String, List<Entry>> items = new LinkedHashMap<>();
        queries.query("select strand, count(*), min(first_contact_at) " + UNASSIGNED + " group by strand", List.of(),
                rs -> {
                    Totals t = totals.get(rs.getString(1));
                    if (t != null || (withoutStrand && rs.getString(1) == null)) {
                        totals.computeIfAbsent(rs.getString(1), k -> new Totals()).read(rs);
                    }
                });
        queries.query("select w.referral_id, v.strand, w.first_contact_at from (values " + literals(names)
                + ") v(strand) cross join lateral (select referral_id, first_contact_at " + UNASSIGNED
                + " and strand = v.strand order by first_contact_at, referral_id limit ? offset ?) w "
                + "order by v.strand, w.first_contact_at, w.referral_id", pageArgs(paging),
                rs -> items.computeIfAbsent(rs.getString(2), k -> new ArrayList<>()).add(new Entry(
                        (UUID) rs.getObject(1), rs.getTimestamp(3).toInstant(), null,
                        hours(rs.getTimestamp(3).toInstant(), now))));
        if (totals.containsKey(null)) { // cases without a strand (not expected once triaged) are listed too
            queries.query("select referral_id, first_contact_at " + UNASSIGNED + " and strand is null order by "
                    + "first_contact_at, referral_id limit ? offset ?", pageArgs(paging),
                    rs -> items.computeIfAbsent(null, k -> new ArrayList<>()).add(new Entry((UUID) rs.getObject(1),
                            rs.getTimestamp(2).toInstant(), null, hours(rs.getTimestamp(2).toInstant(), now))));
        }
        return groups(totals, items, paging, now);
    }

    private List<Group> services(OnwardService[] names, int[] paging, Instant now) {
        Map<String, Totals> totals = new LinkedHashMap<>();
        Arrays.stream(names).forEach(s -> totals.put(s.name(), new Totals()));
        Map<String, List<Entry>> items = new LinkedHashMap<>();
        queries.query("select s.service, count(*), min(s.requested_at) " + PENDING + " group by s.service",
                List.of(), rs -> {
                    Totals t = totals.get(rs.getString(1));
                    if (t != null) {
                        t.read(rs);
                    }
                });
        queries.query("select w.referral_id, v.service, w.requested_at from (values " + literals(names)
                + ") v(service) cross join lateral (select s.referral_id, s.requested_at, s.id " + PENDING
                + " and s.service = v.service order by s.requested_at, s.id limit ? offset ?) w "
                + "order by v.service, w.requested_at, w.id", pageArgs(paging),
                rs -> items.computeIfAbsent(rs.getString(2), k -> new ArrayList<>()).add(new Entry(
                        (UUID) rs.getObject(1), null, rs.getTimestamp(3).toInstant(),
                        hours(rs.getTimestamp(3).toInstant(), now))));
        return groups(totals, items, paging, now);
    }

    private static List<Group> groups(Map<String, Totals> totals, Map<String, List<Entry>> items, int[] paging,
            Instant now) {
        List<Group> groups = new ArrayList<>();
        totals.forEach((name, t) -> groups.add(new Group(name, t.waiting,
                t.oldest == null ? null : hours(t.oldest, now), (t.waiting + paging[1] - 1) / paging[1],
                items.getOrDefault(name, List.of()))));
        return groups;
    }

    private static List<Object> pageArgs(int[] paging) {
        return List.of(paging[1], (long) paging[0] * paging[1]);
    }

    /** An enum's names as SQL rows ({@code ('A'), ('B')}): constants of our own, never input. */
    private static String literals(Enum<?>[] values) {
        StringBuilder sql = new StringBuilder();
        for (Enum<?> v : values) {
            sql.append(sql.length() == 0 ? "" : ", ").append("('").append(v.name()).append("')");
        }
        return sql.toString();
    }

    private static Double hours(Instant since, Instant now) {
        return CaseViews.hours(Duration.between(since, now));
    }

    /** A group's count and its oldest entry. */
    private static final class Totals {
        long waiting;
        Instant oldest;

        void read(ResultSet rs) throws SQLException {
            waiting = rs.getLong(2);
            oldest = rs.getTimestamp(3).toInstant();
        }
    }
}
