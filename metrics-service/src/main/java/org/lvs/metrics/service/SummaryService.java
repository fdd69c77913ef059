package org.lvs.metrics.service;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import org.lvs.contract.casework.OnwardService;
import org.lvs.contract.casework.ClockState;
import org.lvs.contract.event.IntakeStatus;
import org.lvs.contract.triage.DataIssue;
import org.lvs.contract.triage.Pathway;
import org.lvs.contract.triage.Strand;
import org.lvs.metrics.domain.CaseTiming;
import org.lvs.metrics.domain.ReportingPeriod;
import org.lvs.metrics.domain.Share;
import org.lvs.metrics.domain.Stats;
import org.lvs.metrics.persistence.FigureQueries;
import org.lvs.metrics.persistence.FigureQueries.AsAt;
import org.lvs.metrics.persistence.FigureQueries.CaseRow;

/**
 * Builds the figures of metrics.md for a period from the fact tables. The answer is an ordered tree of maps that
 * nests as the dotted figure names say ({@code referrals.total} → {@code {"referrals": {"total": …}}}).
 */
@ApplicationScoped
@Transactional(Transactional.TxType.SUPPORTS)
public class SummaryService {

    static final double SECONDS_PER_DAY = 86_400.0;

    @Inject
    FigureQueries queries;

    @Inject
    Clock clock;

    @Inject
    MetricsChanges changes;

    public Map<String, Object> summary(ReportingPeriod period) {
        Instant now = clock.instant();
        AsAt asAt = AsAt.of(period, now);
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("period", describe(period));
        // waiting lists, caseloads and services waiting: as at the period's end, or now while it is not over
        root.put("asAt", asAt.instant().toString());
        root.put("referrals", referrals(period));
        root.put("dataIssues", dataIssues(period));
        root.put("intake", intake(period));
        root.put("feedGaps", feedGaps(period));
        List<CaseRow> cases = queries.casesStartedIn(period);
        root.put("priority", priority(cases, now));
        root.put("sla", sla(cases));
        root.put("timeToFirstContactHours", timeToFirstContact(cases));
        Map<String, Object> waiting = waitingLists(asAt);
        root.put("waitingLists", waiting.get("byStrand"));
        root.put("waitingListsByPathway", waiting.get("byPathway"));
        root.put("serviceWaitingDays", serviceWaitingDays(period, asAt));
        root.put("caseloads", caseloads(asAt));
        root.put("engagement", engagement(period));
        root.put("selfReferrals", selfReferrals(period));
        root.put("hateCrime", hateCrime(period));
        root.put("repeatVictims", repeatVictims(period));
        root.put("outcomes", outcomes(period));
        root.put("domesticAbuse", domesticAbuse(period));
        root.put("sexualViolence", Map.of("isvaCaseloads", ((Map<?, ?>) root.get("caseloads")).get("ISVA")));
        root.put("generatedAt", now.toString());
        root.put("eventsApplied", queries.eventsApplied());
        root.put("lagSeconds", changes.lagSeconds());
        return root;
    }

    static Map<String, Object> describe(ReportingPeriod period) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("name", period.name());
        m.put("kind", period.kind().name());
        m.put("from", period.from().toString());
        m.put("to", period.to().toString());
        m.put("start", period.start().toString());
        m.put("endExclusive", period.endExclusive().toString());
        m.put("previous", period.previous().name());
        m.put("next", period.next().name());
        m.put("yearToDate", period.yearToDate().name());
        return m;
    }

    private Map<String, Object> referrals(ReportingPeriod period) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("total", queries.referralCount(period));
        m.put("yearToDate", queries.referralCount(period.yearToDate()));
        m.put("previousPeriod", queries.referralCount(period.previous()));
        m.put("bySource", queries.referralBreakdown(period, "source", null, "UNKNOWN"));
        m.put("byCategory", queries.referralBreakdown(period, "category", null, "UNKNOWN"));
        m.put("byArea", queries.referralBreakdown(period, "area", null, "UNKNOWN"));
        m.put("byGender", queries.referralBreakdown(period, "gender", null, "UNKNOWN"));
        m.put("byAgeBand", queries.referralBreakdown(period, "age_band", null, "UNKNOWN"));
        m.put("byOutcome", queries.referralBreakdown(period, "outcome", null, "UNKNOWN"));
        m.put("byStrand", queries.referralBreakdown(period, "strand",
                "outcome = 'CASE_OPENED' AND strand IS NOT NULL", "UNKNOWN"));
        return m;
    }

    private Map<String, Object> dataIssues(ReportingPeriod period) {
        Map<String, long[]> issues = queries.dataIssues(period);
        Map<String, Object> m = new LinkedHashMap<>();
        Map<String, Object> resolvedByIssue = new LinkedHashMap<>();
        long resolved = 0;
        for (DataIssue issue : DataIssue.values()) {
            long[] counts = issues.getOrDefault(issue.name(), new long[] {0, 0});
            m.put(issue.name(), counts[0]);
            resolvedByIssue.put(issue.name(), counts[1]);
            resolved += counts[1];
        }
        m.put("resolved", resolved);
        m.put("resolvedByIssue", resolvedByIssue);
        return m;
    }

    private Map<String, Object> intake(ReportingPeriod period) {
        Map<String, Long> byStatus = queries.intakeByStatus(period);
        Map<String, Object> m = new LinkedHashMap<>();
        for (IntakeStatus status : IntakeStatus.values()) {
            long count = byStatus.getOrDefault(status.name(), 0L);
            m.put(status.name().toLowerCase(Locale.ROOT), count);
        }
        return m;
    }

    private Map<String, Object> feedGaps(ReportingPeriod period) {
        Map<String, Object> m = new TreeMap<>();
        for (String source : queries.feedSources(period)) {
            m.put(source, gapEntry(0, new ArrayList<>()));
        }
        for (FigureQueries.Gap gap : queries.feedGaps(period)) {
            @SuppressWarnings("unchecked")
            Map<String, Object> entry = (Map<String, Object>) m.get(gap.source());
            long missing = (long) entry.get("missing") + gap.to() - gap.from() + 1;
            @SuppressWarnings("unchecked")
            List<Map<String, Long>> ranges = (List<Map<String, Long>>) entry.get("ranges");
            ranges.add(range(gap.from(), gap.to()));
            m.put(gap.source(), gapEntry(missing, ranges));
        }
        return m;
    }

    private static Map<String, Object> gapEntry(long missing, List<Map<String, Long>> ranges) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("missing", missing);
        m.put("ranges", ranges);
        return m;
    }

    private static Map<String, Long> range(long from, long to) {
        Map<String, Long> m = new LinkedHashMap<>();
        m.put("from", from);
        m.put("to", to);
        return m;
    }

    static Map<String, Object> priority(List<CaseRow> cases, Instant now) {
        List<CaseTiming> priority = cases.stream().filter(CaseRow::isPriority).map(CaseRow::timing).toList();
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("cases", (long) priority.size());
        m.put("contactedWithin48h", within(priority, 48, CaseTiming::decidedFor48h));
        m.put("contactedWithin72h", within(priority, 72, t -> t.decidedFor72h(now)));
        return m;
    }

    static Share within(List<CaseTiming> cases, int hours, Predicate<CaseTiming> decided) {
        List<CaseTiming> decidedCases = cases.stream().filter(decided).toList();
        long inTime = decidedCases.stream().filter(t -> t.contactedWithin(hours)).count();
        return Share.of(inTime, decidedCases.size());
    }

    static Map<String, Object> sla(List<CaseRow> cases) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (ClockState state : ClockState.values()) {
            m.put(clockStateKey(state), 0L);
        }
        for (CaseRow row : cases) {
            String state = row.timing().clockState() == null ? ClockState.RUNNING.name() : row.timing().clockState();
            String key = clockStateKey(ClockState.valueOf(state));
            m.put(key, (long) m.get(key) + 1);
        }
        // no "total" key: the states alone add up to the period's cases
        return m;
    }

    static String clockStateKey(ClockState state) {
        return switch (state) {
            case RUNNING -> "running";
            case AT_RISK -> "atRisk";
            case PAUSED -> "paused";
            case BREACHED -> "breached";
            case MET -> "met";
            case MET_LATE -> "metLate";
            case CANCELLED -> "cancelled";
        };
    }

    static Map<String, Object> timeToFirstContact(List<CaseRow> cases) {
        List<CaseTiming> contacted = cases.stream().map(CaseRow::timing).filter(CaseTiming::contacted).toList();
        Map<String, Object> m = percentiles(contacted.stream().map(CaseTiming::hoursToFirstContact).toList());
        Map<String, Object> byStrand = new TreeMap<>();
        contacted.stream().collect(Collectors.groupingBy(t -> t.strand() == null ? "UNKNOWN" : t.strand(),
                TreeMap::new, Collectors.mapping(CaseTiming::hoursToFirstContact, Collectors.toList())))
                .forEach((strand, hours) -> byStrand.put(strand, percentiles(hours)));
        m.put("byStrand", byStrand);
        return m;
    }

    static Map<String, Object> percentiles(List<Double> values) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("count", (long) values.size());
        m.put("median", Stats.median(values));
        m.put("p90", Stats.p90(values));
        return m;
    }

    /** Per strand and per pathway: cases open at the instant, contacted and not yet assigned, and their waits. */
    private Map<String, Object> waitingLists(AsAt asAt) {
        Map<String, List<Double>> waitsByStrand = new TreeMap<>();
        Map<String, List<Double>> waitsByPathway = new TreeMap<>();
        for (Strand strand : Strand.values()) {
            waitsByStrand.put(strand.name(), new ArrayList<>());
        }
        for (FigureQueries.WaitingCase waiting : queries.waitingCases(asAt)) {
            double days = Duration.between(waiting.firstContactAt(), asAt.instant()).toMillis() / 1000.0
                    / SECONDS_PER_DAY;
            waitsByStrand.computeIfAbsent(waiting.strand(), k -> new ArrayList<>()).add(days);
            waitsByPathway.computeIfAbsent(waiting.pathway(), k -> new ArrayList<>()).add(days);
        }
        Map<String, Object> byStrand = new LinkedHashMap<>();
        waitsByStrand.forEach((strand, days) -> byStrand.put(strand, waitingEntry(days)));
        Map<String, Object> byPathway = new LinkedHashMap<>();
        waitsByPathway.forEach((pathway, days) -> byPathway.put(pathway, waitingEntry(days)));
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("byStrand", byStrand);
        m.put("byPathway", byPathway);
        return m;
    }

    private static Map<String, Object> waitingEntry(List<Double> days) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("count", (long) days.size());
        m.put("medianDays", Stats.median(days));
        m.put("longestDays", days.stream().max(Double::compare).orElse(null));
        return m;
    }

    /**
     * Per onward service: every request whose service started in the period (a case's second course too), median
     * and p90 of days from request to start; and the requests waiting at the instant.
     */
    private Map<String, Object> serviceWaitingDays(ReportingPeriod period, AsAt asAt) {
        Map<String, List<Double>> started = new LinkedHashMap<>();
        for (OnwardService service : OnwardService.values()) {
            started.put(service.name(), new ArrayList<>());
        }
        for (FigureQueries.ServiceWait w : queries.servicesStartedIn(period)) {
            if (w.requestedAt() != null) {
                started.computeIfAbsent(w.service(), k -> new ArrayList<>())
                        .add(Duration.between(w.requestedAt(), w.startedAt()).toMillis() / 1000.0 / SECONDS_PER_DAY);
            }
        }
        Map<String, Long> waiting = queries.servicesWaiting(asAt);
        waiting.keySet().forEach(service -> started.computeIfAbsent(service, k -> new ArrayList<>()));
        Map<String, Object> m = new LinkedHashMap<>();
        started.forEach((service, days) -> {
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("started", (long) days.size());
            entry.put("median", Stats.median(days));
            entry.put("p90", Stats.p90(days));
            entry.put("waiting", waiting.getOrDefault(service, 0L));
            m.put(service, entry);
        });
        return m;
    }

    private Map<String, Object> caseloads(AsAt asAt) {
        Map<String, Long> capacities = queries.capacityByPathway(asAt);
        Map<String, List<FigureQueries.WorkerLoad>> byPathway = new LinkedHashMap<>();
        for (Pathway pathway : Pathway.values()) {
            byPathway.put(pathway.name(), new ArrayList<>());
        }
        queries.workerLoads(asAt).forEach(w -> byPathway.computeIfAbsent(w.pathway(), k -> new ArrayList<>()).add(w));
        Map<String, Object> m = new LinkedHashMap<>();
        byPathway.forEach((pathway, loads) -> {
            long open = loads.stream().mapToLong(FigureQueries.WorkerLoad::openCases).sum();
            Long capacity = capacities.get(pathway);
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("workers", (long) loads.size());
            entry.put("openAssigned", open);
            entry.put("meanPerWorker", loads.isEmpty() ? null
                    : BigDecimal.valueOf(open).divide(BigDecimal.valueOf(loads.size()), 1,
                            java.math.RoundingMode.HALF_UP));
            entry.put("capacity", capacity);
            entry.put("largestCaseload", loads.stream().mapToLong(FigureQueries.WorkerLoad::openCases).max()
                    .orElse(0));
            // each worker against the capacity their own cases carry, else the pathway's
            entry.put("workersOverCapacity", loads.stream().filter(w -> {
                Long limit = w.capacity() != null ? w.capacity() : capacity;
                return limit != null && w.openCases() > limit;
            }).count());
            m.put(pathway, entry);
        });
        return m;
    }

    private Map<String, Object> engagement(ReportingPeriod period) {
        List<FigureQueries.ContactRow> contacts = queries.contactsIn(period);
        Map<String, Object> m = new LinkedHashMap<>();
        long made = contacts.stream().filter(FigureQueries.ContactRow::contactMade).count();
        m.put("recorded", (long) contacts.size());
        m.put("attempts", contacts.size() - made);
        m.put("contactsMade", made);
        m.put("byChannel", count(contacts.stream().map(FigureQueries.ContactRow::channel).toList()));
        m.put("byOutcome", count(contacts.stream().map(FigureQueries.ContactRow::outcome).toList()));
        m.put("bySupportType", count(contacts.stream().flatMap(c -> c.supportTypes().stream()).toList()));
        m.put("faceToFaceSessions", contacts.stream()
                .filter(c -> c.contactMade() && "FACE_TO_FACE".equals(c.channel())).count());
        return m;
    }

    private static Map<String, Long> count(List<String> values) {
        return values.stream().collect(Collectors.groupingBy(v -> v == null ? "UNKNOWN" : v, TreeMap::new,
                Collectors.counting()));
    }

    private Map<String, Object> selfReferrals(ReportingPeriod period) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("count", queries.referralCountWhere(period, "source = 'SELF'"));
        m.put("byGender", queries.referralBreakdown(period, "gender", "source = 'SELF'", "UNKNOWN"));
        m.put("byHowHeard", queries.referralBreakdown(period, "how_heard", "source = 'SELF'", "UNKNOWN"));
        return m;
    }

    private Map<String, Object> hateCrime(ReportingPeriod period) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("count", queries.referralCountWhere(period, "category = 'HATE_CRIME'"));
        m.put("byHateStrand", queries.referralBreakdown(period, "hate_strand", "category = 'HATE_CRIME'", "NONE"));
        return m;
    }

    private Map<String, Object> repeatVictims(ReportingPeriod period) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("count", queries.referralCountWhere(period, "persistently_targeted"));
        m.put("byArea", queries.referralBreakdown(period, "area", "persistently_targeted", "UNKNOWN"));
        return m;
    }

    private Map<String, Object> outcomes(ReportingPeriod period) {
        List<FigureQueries.OutcomePair> pairs = queries.outcomesIn(period);
        long improve = 0;
        long stay = 0;
        long fall = 0;
        for (FigureQueries.OutcomePair pair : pairs) {
            if (pair.startWellbeing() == null || pair.endWellbeing() == null) {
                continue;
            }
            int diff = Integer.compare(pair.endWellbeing(), pair.startWellbeing());
            if (diff > 0) {
                improve++;
            } else if (diff == 0) {
                stay++;
            } else {
                fall++;
            }
        }
        Map<String, Object> wellbeing = new LinkedHashMap<>();
        wellbeing.put("improve", improve);
        wellbeing.put("stay", stay);
        wellbeing.put("fall", fall);
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("count", (long) pairs.size());
        m.putAll(wellbeing);
        m.put("wellbeing", wellbeing);
        return m;
    }

    private Map<String, Object> domesticAbuse(ReportingPeriod period) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("mashReferrals", queries.referralCountWhere(period, "source = 'MASH'"));
        m.put("mashByRiskLevel", queries.referralBreakdown(period, "risk_level", "source = 'MASH'", "NOT_GRADED"));
        m.put("byPathway", queries.referralBreakdown(period, "pathway",
                "outcome = 'CASE_OPENED' AND strand = 'DOMESTIC_ABUSE'", "UNKNOWN"));
        return m;
    }
}
