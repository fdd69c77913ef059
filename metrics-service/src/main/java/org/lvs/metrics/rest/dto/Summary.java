package org.lvs.metrics.rest.dto;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.lvs.metrics.domain.ReportingPeriod;
import org.lvs.metrics.domain.Share;

/**
 * Every figure of metrics.md for a period, nesting as the dotted figure names say ({@code referrals.total} →
 * {@code {"referrals": {"total": …}}}). Components are in the order the JSON has always had; a breakdown is a map
 * from value to count, a per-strand (pathway, service) figure a map from that key to its entry.
 *
 * @param asAt the instant of the waiting lists, caseloads and services waiting: the period's end, or now while the
 *             period is not over
 */
public record Summary(
        Period period,
        Instant asAt,
        Referrals referrals,
        DataIssues dataIssues,
        Intake intake,
        Map<String, FeedGap> feedGaps,
        Priority priority,
        Sla sla,
        TimeToFirstContact timeToFirstContactHours,
        Map<String, WaitingList> waitingLists,
        Map<String, WaitingList> waitingListsByPathway,
        Map<String, ServiceWaiting> serviceWaitingDays,
        Map<String, Caseload> caseloads,
        Engagement engagement,
        SelfReferrals selfReferrals,
        HateCrime hateCrime,
        RepeatVictims repeatVictims,
        Outcomes outcomes,
        DomesticAbuse domesticAbuse,
        SexualViolence sexualViolence,
        Instant generatedAt,
        long eventsApplied,
        double lagSeconds) {

    /** The period asked for, with its neighbours' names for stepping between periods. */
    public record Period(
            String name,
            ReportingPeriod.Kind kind,
            LocalDate from,
            LocalDate to,
            Instant start,
            Instant endExclusive,
            String previous,
            String next,
            String yearToDate) {

        public static Period of(ReportingPeriod period) {
            return new Period(
                    period.name(),
                    period.kind(),
                    period.from(),
                    period.to(),
                    period.start(),
                    period.endExclusive(),
                    period.previous().name(),
                    period.next().name(),
                    period.yearToDate().name());
        }
    }

    public record Referrals(
            long total,
            long yearToDate,
            long previousPeriod,
            Map<String, Long> bySource,
            Map<String, Long> byCategory,
            Map<String, Long> byArea,
            Map<String, Long> byGender,
            Map<String, Long> byAgeBand,
            Map<String, Long> byOutcome,
            Map<String, Long> byStrand) {}

    /** Referrals whose first decision had each issue, and how many of those a later decision resolved. */
    public record DataIssues(
            @JsonProperty("NO_DATA") long noData,
            @JsonProperty("INSUFFICIENT_DATA") long insufficientData,
            @JsonProperty("NO_CONSENT") long noConsent,
            long resolved,
            Map<String, Long> resolvedByIssue) {}

    /** Records the sources sent in the period, by intake result. */
    public record Intake(long accepted, long amended, long duplicate, long stale, long rejected) {}

    /** The feed sequence numbers missing between a source's lowest and highest seen, and their ranges. */
    public record FeedGap(long missing, List<Range> ranges) {}

    public record Range(long from, long to) {}

    public record Priority(long cases, Share contactedWithin48h, Share contactedWithin72h) {}

    /** The period's cases by clock state; no total, the states alone add up to the period's cases. */
    public record Sla(long running, long atRisk, long breached, long paused, long met, long metLate, long cancelled) {}

    /** Hours from clock start to first contact made, paused time excluded: overall and by strand. */
    public record TimeToFirstContact(long count, Double median, Double p90, Map<String, Percentiles> byStrand) {}

    public record Percentiles(long count, Double median, Double p90) {}

    /** Cases open at the instant, contacted and not yet assigned, with their waits in days. */
    public record WaitingList(long count, Double medianDays, Double longestDays) {}

    /** An onward service: requests started in the period with their waits in days, and those still waiting. */
    public record ServiceWaiting(long started, Double median, Double p90, long waiting) {}

    public record Caseload(
            long workers,
            long openAssigned,
            BigDecimal meanPerWorker,
            Long capacity,
            long largestCaseload,
            long workersOverCapacity) {}

    public record Engagement(
            long recorded,
            long attempts,
            long contactsMade,
            Map<String, Long> byChannel,
            Map<String, Long> byOutcome,
            Map<String, Long> bySupportType,
            long faceToFaceSessions) {}

    public record SelfReferrals(long count, Map<String, Long> byGender, Map<String, Long> byHowHeard) {}

    public record HateCrime(long count, Map<String, Long> byHateStrand) {}

    public record RepeatVictims(long count, Map<String, Long> byArea) {}

    /** Cases with START and END scores in the period; the wellbeing counts at the top level and nested. */
    public record Outcomes(long count, long improve, long stay, long fall, Wellbeing wellbeing) {}

    public record Wellbeing(long improve, long stay, long fall) {}

    public record DomesticAbuse(long mashReferrals, Map<String, Long> mashByRiskLevel, Map<String, Long> byPathway) {}

    public record SexualViolence(Caseload isvaCaseloads) {}
}
