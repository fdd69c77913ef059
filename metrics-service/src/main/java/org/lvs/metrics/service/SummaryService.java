package org.lvs.metrics.service;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import org.lvs.contract.casework.ClockState;
import org.lvs.contract.casework.OnwardService;
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
import org.lvs.metrics.persistence.FigureQueries.CasesAsAt;
import org.lvs.metrics.persistence.FigureQueries.ContactRow;
import org.lvs.metrics.persistence.FigureQueries.OutcomePair;
import org.lvs.metrics.persistence.FigureQueries.WaitingCase;
import org.lvs.metrics.persistence.FigureQueries.WorkerLoad;
import org.lvs.metrics.rest.dto.Summary;
import org.lvs.metrics.rest.dto.Summary.Caseload;
import org.lvs.metrics.rest.dto.Summary.DataIssues;
import org.lvs.metrics.rest.dto.Summary.DomesticAbuse;
import org.lvs.metrics.rest.dto.Summary.Engagement;
import org.lvs.metrics.rest.dto.Summary.FeedGap;
import org.lvs.metrics.rest.dto.Summary.HateCrime;
import org.lvs.metrics.rest.dto.Summary.Intake;
import org.lvs.metrics.rest.dto.Summary.Outcomes;
import org.lvs.metrics.rest.dto.Summary.Percentiles;
import org.lvs.metrics.rest.dto.Summary.Priority;
import org.lvs.metrics.rest.dto.Summary.Range;
import org.lvs.metrics.rest.dto.Summary.Referrals;
import org.lvs.metrics.rest.dto.Summary.RepeatVictims;
import org.lvs.metrics.rest.dto.Summary.SelfReferrals;
import org.lvs.metrics.rest.dto.Summary.ServiceWaiting;
import org.lvs.metrics.rest.dto.Summary.SexualViolence;
import org.lvs.metrics.rest.dto.Summary.Sla;
import org.lvs.metrics.rest.dto.Summary.TimeToFirstContact;
import org.lvs.metrics.rest.dto.Summary.WaitingList;
import org.lvs.metrics.rest.dto.Summary.Wellbeing;

/** Builds the figures of metrics.md for a period from the fact tables. */
@ApplicationScoped
@Transactional(Transactional.TxType.SUPPORTS)
public class SummaryService {

    static final double SECONDS_PER_DAY = 86_400.0;
    private static final String UNKNOWN = "UNKNOWN";

    private final FigureQueries queries;
    private final Clock clock;
    private final MetricsChanges changes;

    SummaryService(FigureQueries queries, Clock clock, MetricsChanges changes) {
        this.queries = queries;
        this.clock = clock;
        this.changes = changes;
    }

    public Summary summary(ReportingPeriod period) {
        Instant now = clock.instant();
        AsAt asAt = AsAt.of(period, now);
        List<CaseRow> cases = queries.casesStartedIn(period);
        CasesAsAt casesAsAt = queries.casesAsAt(asAt);
        Map<String, Caseload> caseloads = caseloads(casesAsAt);
        List<WaitingCase> waiting = casesAsAt.waiting();
        return new Summary(
                Summary.Period.of(period),
                asAt.instant(),
                referrals(period),
                dataIssues(period),
                intake(period),
                feedGaps(period),
                priority(cases, now),
                sla(cases),
                timeToFirstContact(cases),
                waitingLists(waiting, asAt, WaitingCase::strand, Strand.values()),
                waitingLists(waiting, asAt, WaitingCase::pathway),
                serviceWaitingDays(period, asAt),
                caseloads,
                engagement(period),
                selfReferrals(period),
                hateCrime(period),
                repeatVictims(period),
                outcomes(period),
                domesticAbuse(period),
                new SexualViolence(caseloads.get(Pathway.ISVA.name())),
                now,
                queries.eventsApplied(),
                changes.lagSeconds());
    }

    private Referrals referrals(ReportingPeriod period) {
        Map<String, Map<String, Long>> by = queries.referralBreakdowns(
                period, UNKNOWN, "source", "category", "area", "gender", "age_band", "outcome");
        return new Referrals(
                queries.referralCount(period),
                queries.referralCount(period.yearToDate()),
                queries.referralCount(period.previous()),
                by.get("source"),
                by.get("category"),
                by.get("area"),
                by.get("gender"),
                by.get("age_band"),
                by.get("outcome"),
                queries.referralBreakdown(period, "strand", "outcome = 'CASE_OPENED' AND strand IS NOT NULL", UNKNOWN));
    }

    private DataIssues dataIssues(ReportingPeriod period) {
        Map<String, long[]> issues = queries.dataIssues(period);
        Map<DataIssue, Long> first = new EnumMap<>(DataIssue.class);
        Map<String, Long> resolvedByIssue = new LinkedHashMap<>();
        for (DataIssue issue : DataIssue.values()) {
            long[] counts = issues.getOrDefault(issue.name(), new long[] {0, 0});
            first.put(issue, counts[0]);
            resolvedByIssue.put(issue.name(), counts[1]);
        }
        long resolved =
                resolvedByIssue.values().stream().mapToLong(Long::longValue).sum();
        return new DataIssues(
                first.get(DataIssue.NO_DATA),
                first.get(DataIssue.INSUFFICIENT_DATA),
                first.get(DataIssue.NO_CONSENT),
                resolved,
                resolvedByIssue);
    }

    private Intake intake(ReportingPeriod period) {
        Map<String, Long> byStatus = queries.intakeByStatus(period);
        return new Intake(
                byStatus.getOrDefault(IntakeStatus.ACCEPTED.name(), 0L),
                byStatus.getOrDefault(IntakeStatus.AMENDED.name(), 0L),
                byStatus.getOrDefault(IntakeStatus.DUPLICATE.name(), 0L),
                byStatus.getOrDefault(IntakeStatus.STALE.name(), 0L),
                byStatus.getOrDefault(IntakeStatus.REJECTED.name(), 0L));
    }

    /** Per source seen in the period: the missing feed sequence numbers, every source listed even without gaps. */
    private Map<String, FeedGap> feedGaps(ReportingPeriod period) {
        Map<String, List<Range>> ranges = new TreeMap<>();
        for (String source : queries.feedSources(period)) {
            ranges.put(source, new ArrayList<>());
        }
        for (FigureQueries.Gap gap : queries.feedGaps(period)) {
            ranges.computeIfAbsent(gap.source(), k -> new ArrayList<>()).add(new Range(gap.from(), gap.to()));
        }
        Map<String, FeedGap> gaps = new TreeMap<>();
        ranges.forEach((source, list) -> gaps.put(
                source,
                new FeedGap(list.stream().mapToLong(r -> r.to() - r.from() + 1).sum(), list)));
        return gaps;
    }

    static Priority priority(List<CaseRow> cases, Instant now) {
        List<CaseTiming> priority =
                cases.stream().filter(CaseRow::isPriority).map(CaseRow::timing).toList();
        return new Priority(
                priority.size(),
                within(priority, 48, CaseTiming::decidedFor48h),
                within(priority, 72, t -> t.decidedFor72h(now)));
    }

    static Share within(List<CaseTiming> cases, int hours, Predicate<CaseTiming> decided) {
        List<CaseTiming> decidedCases = cases.stream().filter(decided).toList();
        long inTime =
                decidedCases.stream().filter(t -> t.contactedWithin(hours)).count();
        return Share.of(inTime, decidedCases.size());
    }

    static Sla sla(List<CaseRow> cases) {
        Map<ClockState, Long> counts = new EnumMap<>(ClockState.class);
        for (ClockState state : ClockState.values()) {
            counts.put(state, 0L);
        }
        for (CaseRow row : cases) {
            String state = row.timing().clockState();
            counts.merge(state == null ? ClockState.RUNNING : ClockState.valueOf(state), 1L, Long::sum);
        }
        return new Sla(
                counts.get(ClockState.RUNNING),
                counts.get(ClockState.AT_RISK),
                counts.get(ClockState.BREACHED),
                counts.get(ClockState.PAUSED),
                counts.get(ClockState.MET),
                counts.get(ClockState.MET_LATE),
                counts.get(ClockState.CANCELLED));
    }

    static TimeToFirstContact timeToFirstContact(List<CaseRow> cases) {
        List<CaseTiming> contacted = cases.stream()
                .map(CaseRow::timing)
                .filter(CaseTiming::contacted)
                .toList();
        Percentiles overall = percentiles(
                contacted.stream().map(CaseTiming::hoursToFirstContact).toList());
        Map<String, Percentiles> byStrand = new TreeMap<>();
        contacted.stream()
                .collect(Collectors.groupingBy(
                        t -> t.strand() == null ? UNKNOWN : t.strand(),
                        TreeMap::new,
                        Collectors.mapping(CaseTiming::hoursToFirstContact, Collectors.toList())))
                .forEach((strand, hours) -> byStrand.put(strand, percentiles(hours)));
        return new TimeToFirstContact(overall.count(), overall.median(), overall.p90(), byStrand);
    }

    static Percentiles percentiles(List<Double> values) {
        return new Percentiles(values.size(), Stats.median(values), Stats.p90(values));
    }

    /**
     * Cases open at the instant, contacted and not yet assigned, and their waits, grouped by {@code key}; every one
     * of {@code alwaysListed} appears, with nothing waiting too.
     */
    private static Map<String, WaitingList> waitingLists(
            List<WaitingCase> waitingCases, AsAt asAt, Function<WaitingCase, String> key, Enum<?>... alwaysListed) {
        Map<String, List<Double>> waits = new TreeMap<>();
        for (Enum<?> value : alwaysListed) {
            waits.put(value.name(), new ArrayList<>());
        }
        for (WaitingCase waiting : waitingCases) {
            waits.computeIfAbsent(key.apply(waiting), k -> new ArrayList<>())
                    .add(days(waiting.firstContactAt(), asAt.instant()));
        }
        Map<String, WaitingList> lists = new LinkedHashMap<>();
        waits.forEach((name, days) -> lists.put(
                name,
                new WaitingList(
                        days.size(),
                        Stats.median(days),
                        days.stream().max(Double::compare).orElse(null))));
        return lists;
    }

    private static double days(Instant from, Instant to) {
        return Duration.between(from, to).toMillis() / 1000.0 / SECONDS_PER_DAY;
    }

    /**
     * Per onward service: every request whose service started in the period (a case's second course too), median
     * and p90 of days from request to start; and the requests waiting at the instant.
     */
    private Map<String, ServiceWaiting> serviceWaitingDays(ReportingPeriod period, AsAt asAt) {
        Map<String, List<Double>> started = new LinkedHashMap<>();
        for (OnwardService service : OnwardService.values()) {
            started.put(service.name(), new ArrayList<>());
        }
        for (FigureQueries.ServiceWait w : queries.servicesStartedIn(period)) {
            if (w.requestedAt() != null) {
                started.computeIfAbsent(w.service(), k -> new ArrayList<>()).add(days(w.requestedAt(), w.startedAt()));
            }
        }
        Map<String, Long> waiting = queries.servicesWaiting(asAt);
        waiting.keySet().forEach(service -> started.computeIfAbsent(service, k -> new ArrayList<>()));
        Map<String, ServiceWaiting> services = new LinkedHashMap<>();
        started.forEach((service, days) -> services.put(
                service,
                new ServiceWaiting(
                        days.size(), Stats.median(days), Stats.p90(days), waiting.getOrDefault(service, 0L))));
        return services;
    }

    private static Map<String, Caseload> caseloads(CasesAsAt asAt) {
        Map<String, Long> capacities = asAt.capacities();
        Map<String, List<WorkerLoad>> byPathway = new LinkedHashMap<>();
        for (Pathway pathway : Pathway.values()) {
            byPathway.put(pathway.name(), new ArrayList<>());
        }
        asAt.workerLoads()
                .forEach(w -> byPathway
                        .computeIfAbsent(w.pathway(), k -> new ArrayList<>())
                        .add(w));
        Map<String, Caseload> caseloads = new LinkedHashMap<>();
        byPathway.forEach((pathway, loads) -> caseloads.put(pathway, caseload(loads, capacities.get(pathway))));
        return caseloads;
    }

    private static Caseload caseload(List<WorkerLoad> loads, Long capacity) {
        long open = loads.stream().mapToLong(WorkerLoad::openCases).sum();
        BigDecimal mean = loads.isEmpty()
                ? null
                : BigDecimal.valueOf(open).divide(BigDecimal.valueOf(loads.size()), 1, RoundingMode.HALF_UP);
        long largest = loads.stream().mapToLong(WorkerLoad::openCases).max().orElse(0);
        // each worker against the capacity their own cases carry, else the pathway's
        long over = loads.stream()
                .filter(w -> {
                    Long limit = w.capacity() != null ? w.capacity() : capacity;
                    return limit != null && w.openCases() > limit;
                })
                .count();
        return new Caseload(loads.size(), open, mean, capacity, largest, over);
    }

    private Engagement engagement(ReportingPeriod period) {
        List<ContactRow> contacts = queries.contactsIn(period);
        long made = contacts.stream().filter(ContactRow::contactMade).count();
        return new Engagement(
                contacts.size(),
                contacts.size() - made,
                made,
                count(contacts.stream().map(ContactRow::channel).toList()),
                count(contacts.stream().map(ContactRow::outcome).toList()),
                count(contacts.stream().flatMap(c -> c.supportTypes().stream()).toList()),
                contacts.stream()
                        .filter(c -> c.contactMade() && "FACE_TO_FACE".equals(c.channel()))
                        .count());
    }

    private static Map<String, Long> count(List<String> values) {
        return values.stream()
                .collect(Collectors.groupingBy(v -> v == null ? UNKNOWN : v, TreeMap::new, Collectors.counting()));
    }

    private SelfReferrals selfReferrals(ReportingPeriod period) {
        String self = "source = 'SELF'";
        return new SelfReferrals(
                queries.referralCountWhere(period, self),
                queries.referralBreakdown(period, "gender", self, UNKNOWN),
                queries.referralBreakdown(period, "how_heard", self, UNKNOWN));
    }

    private HateCrime hateCrime(ReportingPeriod period) {
        String hate = "category = 'HATE_CRIME'";
        return new HateCrime(
                queries.referralCountWhere(period, hate),
                queries.referralBreakdown(period, "hate_strand", hate, "NONE"));
    }

    private RepeatVictims repeatVictims(ReportingPeriod period) {
        String repeat = "persistently_targeted";
        return new RepeatVictims(
                queries.referralCountWhere(period, repeat), queries.referralBreakdown(period, "area", repeat, UNKNOWN));
    }

    private Outcomes outcomes(ReportingPeriod period) {
        List<OutcomePair> pairs = queries.outcomesIn(period);
        long improve = 0;
        long stay = 0;
        long fall = 0;
        for (OutcomePair pair : pairs) {
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
        return new Outcomes(pairs.size(), improve, stay, fall, new Wellbeing(improve, stay, fall));
    }

    private DomesticAbuse domesticAbuse(ReportingPeriod period) {
        String mash = "source = 'MASH'";
        return new DomesticAbuse(
                queries.referralCountWhere(period, mash),
                queries.referralBreakdown(period, "risk_level", mash, "NOT_GRADED"),
                queries.referralBreakdown(
                        period, "pathway", "outcome = 'CASE_OPENED' AND strand = 'DOMESTIC_ABUSE'", UNKNOWN));
    }
}
