package org.lvs.sla.persistence;

import jakarta.enterprise.context.ApplicationScoped;
import java.sql.ResultSet;
import java.sql.SQLException;
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
import org.lvs.sla.domain.Hours;
import org.lvs.sla.rest.dto.WaitingListView;
import org.lvs.sla.rest.dto.WaitingListView.Entry;
import org.lvs.sla.rest.dto.WaitingListView.Group;

/**
 * Who waits (sla-policy.md, queries): per strand, open cases contacted but not yet assigned to a worker, with the wait
 * since first contact; per onward service, requests not yet started. Every waiting case is listed, a page at a time:
 * each group carries its total ({@code waiting}, {@code pages}) and the page {@code page} of {@code size} of its
 * entries, longest wait first. Each group's page comes straight from the partial index ({@code LATERAL ... LIMIT
 * OFFSET}), so the answer stays fast with a million cases.
 */
@ApplicationScoped
public class WaitingListQueries {

    private static final String UNASSIGNED =
            "from sla_case where worker is null and status <> 'CLOSED' " + "and first_contact_at is not null";
    private static final String PENDING = "from case_service s join sla_case c on c.referral_id = s.referral_id "
            + "where s.started_at is null and c.status <> 'CLOSED'";

    private final CaseQueries queries;

    WaitingListQueries(CaseQueries queries) {
        this.queries = queries;
    }

    /** Every group, or only {@code oneStrand}'s or {@code oneService}'s when one is named; waits up to {@code now}. */
    public WaitingListView list(Strand oneStrand, OnwardService oneService, Paging paging, Instant now) {
        boolean filtered = oneStrand != null || oneService != null;
        List<Group> strands = filtered && oneStrand == null
                ? List.of()
                : strands(
                        oneStrand == null ? Strand.values() : new Strand[] {oneStrand}, paging, now, oneStrand == null);
        List<Group> services = filtered && oneService == null
                ? List.of()
                : services(oneService == null ? OnwardService.values() : new OnwardService[] {oneService}, paging, now);
        return new WaitingListView(paging.page(), paging.size(), strands, services);
    }

    private List<Group> strands(Strand[] names, Paging paging, Instant now, boolean withoutStrand) {
        Map<String, Totals> totals = new LinkedHashMap<>();
        Arrays.stream(names).forEach(s -> totals.put(s.name(), new Totals()));
        Map<String, List<Entry>> items = new LinkedHashMap<>();
        queries.query(
                "select strand, count(*), min(first_contact_at) " + UNASSIGNED + " group by strand", List.of(), rs -> {
                    Totals t = totals.get(rs.getString(1));
                    if (t != null || (withoutStrand && rs.getString(1) == null)) {
                        totals.computeIfAbsent(rs.getString(1), k -> new Totals())
                                .read(rs);
                    }
                });
        queries.query(
                "select w.referral_id, v.strand, w.first_contact_at from (values " + literals(names)
                        + ") v(strand) cross join lateral (select referral_id, first_contact_at " + UNASSIGNED
                        + " and strand = v.strand order by first_contact_at, referral_id limit ? offset ?) w "
                        + "order by v.strand, w.first_contact_at, w.referral_id",
                pageArgs(paging),
                rs -> items.computeIfAbsent(rs.getString(2), k -> new ArrayList<>())
                        .add(new Entry(
                                (UUID) rs.getObject(1),
                                rs.getTimestamp(3).toInstant(),
                                null,
                                hours(rs.getTimestamp(3).toInstant(), now))));
        if (totals.containsKey(null)) { // cases without a strand (not expected once triaged) are listed too
            queries.query(
                    "select referral_id, first_contact_at " + UNASSIGNED + " and strand is null order by "
                            + "first_contact_at, referral_id limit ? offset ?",
                    pageArgs(paging),
                    rs -> items.computeIfAbsent(null, k -> new ArrayList<>())
                            .add(new Entry(
                                    (UUID) rs.getObject(1),
                                    rs.getTimestamp(2).toInstant(),
                                    null,
                                    hours(rs.getTimestamp(2).toInstant(), now))));
        }
        return groups(totals, items, paging, now);
    }

    private List<Group> services(OnwardService[] names, Paging paging, Instant now) {
        Map<String, Totals> totals = new LinkedHashMap<>();
        Arrays.stream(names).forEach(s -> totals.put(s.name(), new Totals()));
        Map<String, List<Entry>> items = new LinkedHashMap<>();
        queries.query(
                "select s.service, count(*), min(s.requested_at) " + PENDING + " group by s.service", List.of(), rs -> {
                    Totals t = totals.get(rs.getString(1));
                    if (t != null) {
                        t.read(rs);
                    }
                });
        queries.query(
                "select w.referral_id, v.service, w.requested_at from (values " + literals(names)
                        + ") v(service) cross join lateral (select s.referral_id, s.requested_at, s.id " + PENDING
                        + " and s.service = v.service order by s.requested_at, s.id limit ? offset ?) w "
                        + "order by v.service, w.requested_at, w.id",
                pageArgs(paging),
                rs -> items.computeIfAbsent(rs.getString(2), k -> new ArrayList<>())
                        .add(new Entry(
                                (UUID) rs.getObject(1),
                                null,
                                rs.getTimestamp(3).toInstant(),
                                hours(rs.getTimestamp(3).toInstant(), now))));
        return groups(totals, items, paging, now);
    }

    private static List<Group> groups(
            Map<String, Totals> totals, Map<String, List<Entry>> items, Paging paging, Instant now) {
        List<Group> groups = new ArrayList<>();
        totals.forEach((name, t) -> groups.add(new Group(
                name,
                t.waiting,
                t.oldest == null ? null : hours(t.oldest, now),
                paging.pages(t.waiting),
                items.getOrDefault(name, List.of()))));
        return groups;
    }

    private static List<Object> pageArgs(Paging paging) {
        return List.of(paging.size(), paging.offset());
    }

    /** An enum's names as SQL rows ({@code ('A'), ('B')}): constants of our own, never input. */
    private static String literals(Enum<?>[] values) {
        StringBuilder sql = new StringBuilder();
        for (Enum<?> v : values) {
            sql.append(sql.length() == 0 ? "" : ", ")
                    .append("('")
                    .append(v.name())
                    .append("')");
        }
        return sql.toString();
    }

    private static Double hours(Instant since, Instant now) {
        return Hours.of(Duration.between(since, now));
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
