package org.lvs.metrics.report;

import static org.lvs.metrics.report.ReportFormat.decimal;
import static org.lvs.metrics.report.ReportFormat.label;
import static org.lvs.metrics.report.ReportFormat.number;
import static org.lvs.metrics.report.ReportFormat.orNa;
import static org.lvs.metrics.report.ReportFormat.share;

import com.openhtmltopdf.pdfboxout.PdfRendererBuilder;
import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.lvs.contract.triage.DataIssue;
import org.lvs.contract.triage.Pathway;
import org.lvs.contract.triage.Strand;
import org.lvs.metrics.domain.ReportingPeriod;
import org.lvs.metrics.report.ReportView.CaseloadRow;
import org.lvs.metrics.report.ReportView.IssueLine;
import org.lvs.metrics.report.ReportView.PathwayWaiting;
import org.lvs.metrics.report.ReportView.ServiceRow;
import org.lvs.metrics.report.ReportView.WaitingRow;
import org.lvs.metrics.rest.dto.Summary;
import org.lvs.metrics.rest.dto.Summary.Caseload;
import org.lvs.metrics.rest.dto.Summary.ServiceWaiting;
import org.lvs.metrics.rest.dto.Summary.WaitingList;
import org.lvs.metrics.service.SummaryService;

/**
 * The commissioner's quarterly summary in the shape of the seed report: service overview, domestic abuse, sexual
 * violence, NEST, hate crime, counselling and other waiting times, outcomes. Every number comes from the same
 * summary the API serves; CSV lists every figure.
 */
@ApplicationScoped
@Transactional(Transactional.TxType.SUPPORTS)
public class QuarterlyReportService {

    private static final String[] QUARTER_WORDS = {"", "one", "two", "three", "four"};
    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("d MMMM yyyy", Locale.UK);
    private static final DateTimeFormatter DAY_AND_TIME = DateTimeFormatter.ofPattern("d MMMM yyyy, HH:mm", Locale.UK);

    /** The report's one style sheet, inline; {@code PagePolicy} allows exactly it by its hash. */
    public static final String STYLE = """
            body { font-family: Helvetica, Arial, sans-serif; color: #1b1b1b; margin: 1.5em; line-height: 1.4; }
            h1 { font-size: 1.5em; text-transform: uppercase; }
            h2 { font-size: 1.2em; text-transform: uppercase; border-bottom: 2px solid #1f5f8b; margin-top: 1.6em; }
            h3 { font-size: 1em; }
            .meta { color: #555; font-size: 0.9em; }
            table { border-collapse: collapse; margin: 0.8em 0; }
            th, td { border: 1px solid #bbb; padding: 3px 8px; text-align: left; font-size: 0.9em; }
            caption { font-weight: bold; text-align: left; padding: 4px 0; }
            table.bars { width: 90%; }
            table.bars td.barcell { width: 60%; }
            div.bar { background-color: #1f5f8b; height: 12px; }
            td.num { text-align: right; }
            figure.chart { margin: 0.8em 0; }
            figcaption { font-size: 0.9em; color: #333; }
            """;

    /** The report's templates (src/main/resources/templates/report), checked against their parameters at build. */
    @CheckedTemplate(basePath = "report")
    static class Templates {
        static native TemplateInstance quarterly(ReportView report);
    }

    private final SummaryService summaries;

    QuarterlyReportService(SummaryService summaries) {
        this.summaries = summaries;
    }

    /** Every figure of the period (and the previous period's, for the comparisons) as {@code section,figure,value}. */
    public String csv(ReportingPeriod period) {
        return ReportCsv.of(summaries.summary(period), summaries.summary(period.previous()));
    }

    public byte[] pdf(ReportingPeriod period) {
        String xhtml = html(period, false);
        try (ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            PdfRendererBuilder builder = new PdfRendererBuilder();
            builder.useFastMode();
            builder.withHtmlContent(xhtml, null);
            builder.toStream(out);
            builder.run();
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot render the report as PDF", e);
        }
    }

    /** The report as XHTML; {@code svg} draws charts as inline SVG (browser) or HTML bars (PDF). */
    public String html(ReportingPeriod period, boolean svg) {
        return Templates.quarterly(view(period, summaries.summary(period), summaries.summary(period.previous()), svg))
                .render();
    }

    static ReportView view(ReportingPeriod period, Summary s, Summary prev, boolean svg) {
        String asAt = asAtWords(period, s);
        return new ReportView(
                title(period),
                STYLE,
                period.from().toString(),
                period.to().toString(),
                s.generatedAt().toString(),
                number(s.eventsApplied()),
                asAt,
                overview(period, s, prev, svg),
                domesticAbuse(s, svg),
                sexualViolence(s),
                nest(s, svg),
                new ReportView.HateCrime(
                        number(s.hateCrime().count()),
                        Charts.bars(
                                "Hate crime referrals by strand", s.hateCrime().byHateStrand(), svg),
                        number(s.repeatVictims().count())),
                new ReportView.WaitingTimes(waitingRows(s.waitingLists()), serviceRows(s, prev)),
                outcomes(s, svg));
    }

    private static ReportView.Overview overview(ReportingPeriod period, Summary s, Summary prev, boolean svg) {
        Summary.DataIssues issues = s.dataIssues();
        Map<String, Long> firstIssues = Map.of(
                DataIssue.NO_DATA.name(),
                issues.noData(),
                DataIssue.INSUFFICIENT_DATA.name(),
                issues.insufficientData(),
                DataIssue.NO_CONSENT.name(),
                issues.noConsent());
        List<IssueLine> issueLines =
                List.of(DataIssue.INSUFFICIENT_DATA, DataIssue.NO_DATA, DataIssue.NO_CONSENT).stream()
                        .map(issue -> new IssueLine(
                                label(issue.name()),
                                number(firstIssues.get(issue.name())),
                                number(issues.resolvedByIssue().get(issue.name()))))
                        .toList();
        return new ReportView.Overview(
                number(s.referrals().total()),
                periodWords(period),
                period.financialYear().name(),
                number(s.referrals().yearToDate()),
                period.previous().name(),
                number(s.referrals().previousPeriod()),
                share(s.priority().contactedWithin48h()),
                share(prev.priority().contactedWithin48h()),
                share(s.priority().contactedWithin72h()),
                number(s.priority().cases()),
                issueLines,
                Charts.bars("Referrals by source", s.referrals().bySource(), svg),
                number(s.selfReferrals().count()),
                Charts.bars("Self-referrals by gender", s.selfReferrals().byGender(), svg),
                Charts.bars(
                        "How self-referrers heard about the service",
                        s.selfReferrals().byHowHeard(),
                        svg));
    }

    private static ReportView.DomesticAbuse domesticAbuse(Summary s, boolean svg) {
        return new ReportView.DomesticAbuse(
                number(s.domesticAbuse().mashReferrals()),
                Charts.bars("MASH referrals by risk grade", s.domesticAbuse().mashByRiskLevel(), svg),
                Charts.bars("Domestic abuse cases by pathway", s.domesticAbuse().byPathway(), svg),
                pathwayWaiting(Pathway.IDVA, s),
                pathwayWaiting(Pathway.IVA, s));
    }

    private static ReportView.SexualViolence sexualViolence(Summary s) {
        List<CaseloadRow> rows = s.caseloads().entrySet().stream()
                .map(e -> caseloadRow(e.getKey(), e.getValue()))
                .toList();
        return new ReportView.SexualViolence(
                caseloadRow(Pathway.ISVA.name(), s.sexualViolence().isvaCaseloads()),
                pathwayWaiting(Pathway.ISVA, s),
                rows);
    }

    private static CaseloadRow caseloadRow(String pathway, Caseload c) {
        return new CaseloadRow(
                label(pathway),
                number(c.workers()),
                number(c.openAssigned()),
                orNa(c.meanPerWorker()),
                orNa(c.capacity()),
                number(c.largestCaseload()),
                number(c.workersOverCapacity()));
    }

    private static PathwayWaiting pathwayWaiting(Pathway pathway, Summary s) {
        WaitingList waiting = s.waitingListsByPathway().get(pathway.name());
        if (waiting == null) {
            return new PathwayWaiting(label(pathway.name()), false, null, null, null);
        }
        return new PathwayWaiting(
                label(pathway.name()),
                true,
                number(waiting.count()),
                decimal(waiting.medianDays()),
                decimal(waiting.longestDays()));
    }

    private static ReportView.Nest nest(Summary s, boolean svg) {
        WaitingList nestWaiting = s.waitingLists().get(Strand.NEST.name());
        Summary.Engagement engagement = s.engagement();
        return new ReportView.Nest(
                number(s.referrals().byStrand().getOrDefault(Strand.NEST.name(), 0L)),
                number(nestWaiting.count()),
                decimal(nestWaiting.medianDays()),
                decimal(nestWaiting.longestDays()),
                number(engagement.contactsMade()),
                number(engagement.recorded()),
                number(engagement.faceToFaceSessions()),
                Charts.bars("Contacts by channel", engagement.byChannel(), svg),
                Charts.bars("Support given in contacts", engagement.bySupportType(), svg));
    }

    /** Per strand, the cases waiting for a worker after first contact, with their waits in days. */
    private static List<WaitingRow> waitingRows(Map<String, WaitingList> byStrand) {
        return byStrand.entrySet().stream()
                .map(e -> new WaitingRow(
                        label(e.getKey()),
                        number(e.getValue().count()),
                        decimal(e.getValue().medianDays()),
                        decimal(e.getValue().longestDays())))
                .toList();
    }

    private static List<ServiceRow> serviceRows(Summary s, Summary prev) {
        return s.serviceWaitingDays().entrySet().stream()
                .map(e -> {
                    ServiceWaiting w = e.getValue();
                    ServiceWaiting before = prev.serviceWaitingDays().get(e.getKey());
                    return new ServiceRow(
                            label(e.getKey()),
                            number(w.started()),
                            decimal(w.median()),
                            decimal(w.p90()),
                            decimal(before == null ? null : before.median()),
                            number(w.waiting()));
                })
                .toList();
    }

    private static ReportView.Outcomes outcomes(Summary s, boolean svg) {
        Summary.Wellbeing wellbeing = s.outcomes().wellbeing();
        Map<String, Long> change = new LinkedHashMap<>();
        change.put("improve", wellbeing.improve());
        change.put("stay", wellbeing.stay());
        change.put("fall", wellbeing.fall());
        return new ReportView.Outcomes(
                number(s.outcomes().count()),
                number(wellbeing.improve()),
                number(wellbeing.stay()),
                number(wellbeing.fall()),
                Charts.bars("Change in wellbeing score", change, svg));
    }

    /**
     * When the report's waiting lists and caseloads are taken: "30 September 2017" for a period that is over (the
     * end of its last day), the date and time for one that is not.
     */
    static String asAtWords(ReportingPeriod period, Summary summary) {
        if (summary.asAt().equals(period.endExclusive())) {
            return DAY.format(period.to());
        }
        return DAY_AND_TIME.format(summary.asAt().atZone(ReportingPeriod.LONDON));
    }

    static String title(ReportingPeriod period) {
        return switch (period.kind()) {
            case QUARTER ->
                "Lancashire Victim Services quarter "
                        + period.name().charAt(period.name().length() - 1) + " summary report "
                        + period.financialYear().name();
            case YEAR -> "Lancashire Victim Services annual summary report " + period.name();
            case RANGE -> "Lancashire Victim Services summary report " + period.from() + " to " + period.to();
        };
    }

    static String periodWords(ReportingPeriod period) {
        return switch (period.kind()) {
            case QUARTER ->
                "quarter " + QUARTER_WORDS[period.name().charAt(period.name().length() - 1) - '0'];
            case YEAR -> "the year " + period.name();
            case RANGE -> "the period";
        };
    }
}
