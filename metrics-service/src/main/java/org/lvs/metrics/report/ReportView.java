package org.lvs.metrics.report;

import io.quarkus.qute.TemplateData;
import java.util.List;
import org.lvs.metrics.report.Charts.Chart;

/**
 * The quarterly report as the template {@code report/quarterly.html} writes it: every figure already in the words
 * and number format the commissioner reads, section by section in the seed report's order.
 *
 * @param style the report's one inline style sheet ({@link QuarterlyReportService#STYLE})
 * @param asAt  when waiting lists, caseloads and services waiting are taken, in words
 */
@TemplateData
public record ReportView(
        String title,
        String style,
        String from,
        String to,
        String generatedAt,
        String eventsApplied,
        String asAt,
        Overview overview,
        DomesticAbuse domesticAbuse,
        SexualViolence sexualViolence,
        Nest nest,
        HateCrime hateCrime,
        WaitingTimes waitingTimes,
        Outcomes outcomes) {

    @TemplateData
    public record Overview(
            String referrals,
            String periodWords,
            String financialYear,
            String yearToDate,
            String previousName,
            String previousReferrals,
            String within48h,
            String previousWithin48h,
            String within72h,
            String priorityCases,
            List<IssueLine> dataIssues,
            Chart bySource,
            String selfReferrals,
            Chart selfByGender,
            Chart selfByHowHeard) {}

    @TemplateData
    public record IssueLine(String label, String count, String resolved) {}

    @TemplateData
    public record DomesticAbuse(
            String mashReferrals, Chart mashByRiskGrade, Chart byPathway, PathwayWaiting idva, PathwayWaiting iva) {}

    /** A pathway's cases waiting for a worker after first contact; {@code any} false when none is listed. */
    @TemplateData
    public record PathwayWaiting(String label, boolean any, String count, String median, String longest) {}

    @TemplateData
    public record SexualViolence(CaseloadRow isva, PathwayWaiting isvaWaiting, List<CaseloadRow> caseloads) {}

    @TemplateData
    public record CaseloadRow(
            String label,
            String workers,
            String openAssigned,
            String meanPerWorker,
            String capacity,
            String largestCaseload,
            String workersOverCapacity) {}

    @TemplateData
    public record Nest(
            String referrals,
            String waiting,
            String medianDays,
            String longestDays,
            String contactsMade,
            String recorded,
            String faceToFaceSessions,
            Chart byChannel,
            Chart bySupportType) {}

    @TemplateData
    public record HateCrime(String count, Chart byStrand, String repeatVictims) {}

    @TemplateData
    public record WaitingTimes(List<WaitingRow> strands, List<ServiceRow> services) {}

    @TemplateData
    public record WaitingRow(String label, String count, String medianDays, String longestDays) {}

    @TemplateData
    public record ServiceRow(
            String label, String started, String median, String p90, String previousMedian, String waiting) {}

    @TemplateData
    public record Outcomes(String count, String improve, String stay, String fall, Chart wellbeing) {}
}
