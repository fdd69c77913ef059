package org.lvs.metrics.service;

import static org.lvs.metrics.service.Xhtml.esc;
import static org.lvs.metrics.service.Xhtml.label;
import static org.lvs.metrics.service.Xhtml.number;

import com.openhtmltopdf.pdfboxout.PdfRendererBuilder;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.lvs.commons.text.SafeText;
import org.lvs.metrics.domain.ReportingPeriod;

/**
 * The commissioner's quarterly summary in the shape of the seed report: service overview, domestic abuse, sexual
 * violence, NEST, hate crime, counselling and other waiting times, outcomes. Every number comes from the same
 * summary the API serves; CSV lists every figure.
 */
@ApplicationScoped
@Transactional(Transactional.TxType.SUPPORTS)
public class QuarterlyReportService {

    private static final String[] QUARTER_WORDS = {"", "one", "two", "three", "four"};

    @Inject
    SummaryService summaries;

    /** Every figure of the period (and the previous period's, for the comparisons) as {@code section,figure,value}. */
    public String csv(ReportingPeriod period) {
        StringBuilder b = new StringBuilder("section,figure,value\r\n");
        Map<String, Object> summary = summaries.summary(period);
        for (Map.Entry<String, Object> section : summary.entrySet()) {
            if (section.getValue() instanceof Map<?, ?> || section.getValue() instanceof List<?>) {
                flatten(section.getKey(), "", section.getValue(), b);
            } else {
                row(b, "meta", section.getKey(), section.getValue());
            }
        }
        Map<String, Object> previous = summaries.summary(period.previous());
        flatten("previousPeriod", "", Map.of("period", previous.get("period"), "referrals",
                Map.of("total", get(previous, "referrals", "total")), "priority", previous.get("priority"),
                "serviceWaitingDays", previous.get("serviceWaitingDays")), b);
        return b.toString();
    }

    private static void flatten(String section, String path, Object value, StringBuilder b) {
        if (value instanceof Map<?, ?> map) {
            if (map.isEmpty()) {
                row(b, section, path, "");
            }
            new java.util.TreeMap<>(stringKeys(map)).forEach((k, v) ->
                    flatten(section, path.isEmpty() ? k : path + "." + k, v, b));
        } else if (value instanceof List<?> list) {
            for (int i = 0; i < list.size(); i++) {
                flatten(section, path + "[" + i + "]", list.get(i), b);
            }
            if (list.isEmpty()) {
                row(b, section, path, "");
            }
        } else if (value instanceof org.lvs.metrics.domain.Share share) {
            row(b, section, path + ".count", share.count());
            row(b, section, path + ".of", share.of());
            row(b, section, path + ".percent", share.percent());
        } else {
            row(b, section, path, value);
        }
    }

    private static Map<String, Object> stringKeys(Map<?, ?> map) {
        Map<String, Object> m = new LinkedHashMap<>();
        map.forEach((k, v) -> m.put(String.valueOf(k), v));
        return m;
    }

    /**
     * One {@code section,figure,value} line. Text cells go through {@link SafeText#csvCell} (a figure's name can hold
     * a value a source sent, such as an unknown source in the feed gaps): a spreadsheet never reads them as a
     * formula. Numbers are written as they are.
     */
    private static void row(StringBuilder b, String section, String figure, Object value) {
        String cell = value == null ? ""
                : value instanceof Number ? value.toString() : SafeText.csvCell(value.toString());
        b.append(csvField(SafeText.csvCell(section))).append(',').append(csvField(SafeText.csvCell(figure)))
                .append(',').append(csvField(cell)).append("\r\n");
    }

    static String csvField(String text) {
        if (text.indexOf(',') >= 0 || text.indexOf('"') >= 0 || text.indexOf('\n') >= 0 || text.indexOf('\r') >= 0) {
            return '"' + text.replace("\"", "\"\"") + '"';
        }
        return text;
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
    @SuppressWarnings("unchecked")
    public String html(ReportingPeriod period, boolean svg) {
        Map<String, Object> s = summaries.summary(period);
        Map<String, Object> prev = summaries.summary(period.previous());
        String title = title(period);
        StringBuilder b = new StringBuilder();
        b.append("<!DOCTYPE html>\n<html xmlns=\"http://www.w3.org/1999/xhtml\" lang=\"en-GB\"><head>")
                .append("<meta charset=\"utf-8\"/><title>").append(esc(title)).append("</title><style>")
                .append(STYLE).append("</style></head><body><main>");
        b.append("<h1>").append(esc(title)).append("</h1>");
        String asAt = asAtWords(period, s);
        b.append("<p class=\"meta\">Period ").append(esc(period.from())).append(" to ").append(esc(period.to()))
                .append(" (Europe/London). Figures generated ").append(esc(s.get("generatedAt"))).append(" from ")
                .append(number(s.get("eventsApplied"))).append(" events. Waiting lists, caseloads and services ")
                .append("waiting are as at ").append(esc(asAt)).append(".</p>");

        // SERVICE OVERVIEW
        Map<String, Object> referrals = (Map<String, Object>) s.get("referrals");
        Map<String, Object> priority = (Map<String, Object>) s.get("priority");
        Map<String, Object> prevPriority = (Map<String, Object>) prev.get("priority");
        b.append("<section><h2>Service overview</h2><p>Lancashire Victim Services received ")
                .append(number(referrals.get("total"))).append(" referrals in ").append(esc(periodWords(period)))
                .append(" meaning the number of referrals so far in ")
                .append(esc(period.financialYear().name())).append(" totals ")
                .append(number(referrals.get("yearToDate"))).append(". The previous period (")
                .append(esc(period.previous().name())).append(") received ")
                .append(number(referrals.get("previousPeriod"))).append(" referrals.</p>");
        b.append("<p>Priority victims contacted within 48 hours: ")
                .append(share((Map<String, Object>) toMap(priority.get("contactedWithin48h"))))
                .append(", against ").append(share((Map<String, Object>) toMap(prevPriority.get("contactedWithin48h"))))
                .append(" in the previous period. Within 72 hours: ")
                .append(share((Map<String, Object>) toMap(priority.get("contactedWithin72h"))))
                .append(". Priority cases this period: ").append(number(priority.get("cases"))).append(".</p>");
        Map<String, Object> issues = (Map<String, Object>) s.get("dataIssues");
        Map<String, Object> resolved = (Map<String, Object>) issues.get("resolvedByIssue");
        b.append("<h3>Data recording issues from referrers</h3><ol class=\"issues\">");
        for (String issue : List.of("INSUFFICIENT_DATA", "NO_DATA", "NO_CONSENT")) {
            b.append("<li>").append(esc(label(issue))).append(": ").append(number(issues.get(issue)))
                    .append(" referrals (").append(number(resolved.get(issue))).append(" later resolved)</li>");
        }
        b.append("</ol>");
        b.append(Charts.bars("Referrals by source", (Map<String, Long>) referrals.get("bySource"), svg));
        Map<String, Object> self = (Map<String, Object>) s.get("selfReferrals");
        b.append("<h3>Self-referrals</h3><p>").append(number(self.get("count")))
                .append(" victims referred themselves this period.</p>");
        b.append(Charts.bars("Self-referrals by gender", (Map<String, Long>) self.get("byGender"), svg));
        b.append(Charts.bars("How self-referrers heard about the service", (Map<String, Long>) self.get("byHowHeard"),
                svg));
        b.append("</section>");

        // DOMESTIC ABUSE
        Map<String, Object> da = (Map<String, Object>) s.get("domesticAbuse");
        Map<String, Object> waiting = (Map<String, Object>) s.get("waitingLists");
        Map<String, Object> byPathwayWaiting = (Map<String, Object>) s.get("waitingListsByPathway");
        b.append("<section><h2>Domestic abuse</h2><p>Victim Support received ").append(number(da.get("mashReferrals")))
                .append(" referrals from the Multi-Agency Safeguarding Hub (MASH) this period.</p>");
        b.append(Charts.bars("MASH referrals by risk grade", (Map<String, Long>) da.get("mashByRiskLevel"), svg));
        b.append(Charts.bars("Domestic abuse cases by pathway", (Map<String, Long>) da.get("byPathway"), svg));
        b.append(waitingSentence("IDVA", (Map<String, Object>) byPathwayWaiting.get("IDVA"), asAt));
        b.append(waitingSentence("IVA", (Map<String, Object>) byPathwayWaiting.get("IVA"), asAt));
        b.append("</section>");

        // SEXUAL VIOLENCE
        Map<String, Object> caseloads = (Map<String, Object>) s.get("caseloads");
        Map<String, Object> isva = (Map<String, Object>) caseloads.get("ISVA");
        b.append("<section><h2>Sexual violence</h2><p>").append(number(isva.get("workers")))
                .append(" ISVAs hold ").append(number(isva.get("openAssigned")))
                .append(" open cases: a mean of ").append(esc(orNa(isva.get("meanPerWorker"))))
                .append(" per ISVA against a capacity of ").append(esc(orNa(isva.get("capacity"))))
                .append("; the largest caseload is ").append(number(isva.get("largestCaseload"))).append(", and ")
                .append(number(isva.get("workersOverCapacity"))).append(" ISVAs are over capacity (as at ")
                .append(esc(asAt)).append(").</p>");
        b.append(waitingSentence("ISVA", (Map<String, Object>) byPathwayWaiting.get("ISVA"), asAt));
        b.append(caseloadTable(caseloads, asAt));
        b.append("</section>");

        // NEST
        Map<String, Object> byStrand = (Map<String, Object>) referrals.get("byStrand");
        Map<String, Object> engagement = (Map<String, Object>) s.get("engagement");
        Map<String, Object> nestWaiting = (Map<String, Object>) waiting.get("NEST");
        b.append("<section><h2>NEST (children and young people)</h2><p>NEST received ")
                .append(number(byStrand.getOrDefault("NEST", 0L))).append(" referrals this period; as at ")
                .append(esc(asAt)).append(", ").append(number(nestWaiting.get("count")))
                .append(" young people are on the waiting list (median wait ")
                .append(Xhtml.decimal(nestWaiting.get("medianDays"))).append(" days, longest ")
                .append(Xhtml.decimal(nestWaiting.get("longestDays"))).append(" days).</p>");
        b.append("<p>Engagement across the service: ").append(number(engagement.get("contactsMade")))
                .append(" contacts made from ").append(number(engagement.get("recorded")))
                .append(" recorded contacts and attempts; ").append(number(engagement.get("faceToFaceSessions")))
                .append(" face-to-face sessions.</p>");
        b.append(Charts.bars("Contacts by channel", (Map<String, Long>) engagement.get("byChannel"), svg));
        b.append(Charts.bars("Support given in contacts", (Map<String, Long>) engagement.get("bySupportType"), svg));
        b.append("</section>");

        // HATE CRIME
        Map<String, Object> hate = (Map<String, Object>) s.get("hateCrime");
        b.append("<section><h2>Hate crime</h2><p>").append(number(hate.get("count")))
                .append(" hate crime referrals this period, by the first recorded hate strand:</p>");
        b.append(Charts.bars("Hate crime referrals by strand", (Map<String, Long>) hate.get("byHateStrand"), svg));
        Map<String, Object> repeat = (Map<String, Object>) s.get("repeatVictims");
        b.append("<p>Persistently targeted (repeat) victims: ").append(number(repeat.get("count"))).append(".</p>");
        b.append("</section>");

        // COUNSELLING / THERAPY
        Map<String, Object> services = (Map<String, Object>) s.get("serviceWaitingDays");
        Map<String, Object> prevServices = (Map<String, Object>) prev.get("serviceWaitingDays");
        b.append("<section><h2>Counselling, therapy and other waiting times</h2>");
        b.append(waitingTable(waiting, asAt));
        b.append("<table><caption>Days from request to ")
                .append("start, for services started this period</caption><thead><tr><th scope=\"col\">Service</th>")
                .append("<th scope=\"col\">Started</th><th scope=\"col\">Median days</th>")
                .append("<th scope=\"col\">90th percentile days</th><th scope=\"col\">Median days, previous period")
                .append("</th><th scope=\"col\">Waiting as at ").append(esc(asAt))
                .append("</th></tr></thead><tbody>");
        services.forEach((service, v) -> {
            Map<String, Object> w = (Map<String, Object>) v;
            Map<String, Object> pw = (Map<String, Object>) prevServices.get(service);
            b.append("<tr><th scope=\"row\">").append(esc(label(service))).append("</th><td>")
                    .append(number(w.get("started"))).append("</td><td>").append(Xhtml.decimal(w.get("median")))
                    .append("</td><td>").append(Xhtml.decimal(w.get("p90"))).append("</td><td>")
                    .append(Xhtml.decimal(pw == null ? null : pw.get("median"))).append("</td><td>")
                    .append(number(w.get("waiting"))).append("</td></tr>");
        });
        b.append("</tbody></table></section>");

        // OUTCOMES
        Map<String, Object> outcomes = (Map<String, Object>) s.get("outcomes");
        Map<String, Long> wellbeing = (Map<String, Long>) outcomes.get("wellbeing");
        b.append("<section><h2>Outcomes</h2><p>").append(number(outcomes.get("count")))
                .append(" cases recorded both start and end (STAR) scores this period. Wellbeing improved for ")
                .append(number(wellbeing.get("improve"))).append(", stayed the same for ")
                .append(number(wellbeing.get("stay"))).append(" and fell for ").append(number(wellbeing.get("fall")))
                .append(".</p>");
        b.append(Charts.bars("Change in wellbeing score", wellbeing, svg));
        b.append("</section></main></body></html>");
        return b.toString();
    }

    private static Object toMap(Object share) {
        if (share instanceof org.lvs.metrics.domain.Share s) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("count", s.count());
            m.put("of", s.of());
            m.put("percent", s.percent());
            return m;
        }
        return share;
    }

    private static String share(Map<String, Object> share) {
        return Xhtml.percent(share) + " (" + number(share.get("count")) + " of " + number(share.get("of")) + ")";
    }

    private static String orNa(Object value) {
        return value == null ? "n/a" : value.toString();
    }

    private static String waitingSentence(String pathway, Map<String, Object> waiting, String asAt) {
        String name = esc(label(pathway));
        if (waiting == null) {
            return "<p>As at " + esc(asAt) + ", no " + name + " cases wait for a worker after first contact.</p>";
        }
        return "<p>As at " + esc(asAt) + ", " + number(waiting.get("count")) + " " + name
                + " cases have had initial contact and wait for a worker (median " + Xhtml.decimal(waiting.get(
                "medianDays")) + " days, longest " + Xhtml.decimal(waiting.get("longestDays")) + " days).</p>";
    }

    /**
     * When the report's waiting lists and caseloads are taken: "30 September 2017" for a period that is over (the
     * end of its last day), the date and time for one that is not.
     */
    static String asAtWords(ReportingPeriod period, Map<String, Object> summary) {
        Instant asAt = Instant.parse((String) summary.get("asAt"));
        if (asAt.equals(period.endExclusive())) {
            return DAY.format(period.to());
        }
        return DAY_AND_TIME.format(asAt.atZone(ReportingPeriod.LONDON));
    }

    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("d MMMM yyyy", Locale.UK);
    private static final DateTimeFormatter DAY_AND_TIME = DateTimeFormatter.ofPattern("d MMMM yyyy, HH:mm",
            Locale.UK);

    /** Per strand, the cases waiting for a worker after first contact, with their waits in days. */
    @SuppressWarnings("unchecked")
    private static String waitingTable(Map<String, Object> waitingByStrand, String asAt) {
        StringBuilder b = new StringBuilder("<table><caption>Waiting for a worker after first contact, as at ")
                .append(esc(asAt)).append("</caption><thead><tr><th scope=\"col\">Strand</th>")
                .append("<th scope=\"col\">Waiting</th><th scope=\"col\">Median days</th>")
                .append("<th scope=\"col\">Longest days</th></tr></thead><tbody>");
        waitingByStrand.forEach((strand, v) -> {
            Map<String, Object> w = (Map<String, Object>) v;
            b.append("<tr><th scope=\"row\">").append(esc(label(strand))).append("</th><td>")
                    .append(number(w.get("count"))).append("</td><td>").append(Xhtml.decimal(w.get("medianDays")))
                    .append("</td><td>").append(Xhtml.decimal(w.get("longestDays"))).append("</td></tr>");
        });
        return b.append("</tbody></table>").toString();
    }

    @SuppressWarnings("unchecked")
    private static String caseloadTable(Map<String, Object> caseloads, String asAt) {
        StringBuilder b = new StringBuilder("<table><caption>Caseloads as at " + esc(asAt)
                + ", per pathway</caption><thead><tr>"
                + "<th scope=\"col\">Pathway</th><th scope=\"col\">Workers</th><th scope=\"col\">Open assigned cases"
                + "</th><th scope=\"col\">Mean per worker</th><th scope=\"col\">Capacity</th>"
                + "<th scope=\"col\">Largest caseload</th><th scope=\"col\">Over capacity</th></tr></thead><tbody>");
        caseloads.forEach((pathway, v) -> {
            Map<String, Object> c = (Map<String, Object>) v;
            b.append("<tr><th scope=\"row\">").append(esc(label(pathway))).append("</th><td>")
                    .append(number(c.get("workers")))
                    .append("</td><td>").append(number(c.get("openAssigned"))).append("</td><td>")
                    .append(esc(orNa(c.get("meanPerWorker")))).append("</td><td>").append(esc(orNa(c.get("capacity"))))
                    .append("</td><td>").append(number(c.get("largestCaseload"))).append("</td><td>")
                    .append(number(c.get("workersOverCapacity"))).append("</td></tr>");
        });
        return b.append("</tbody></table>").toString();
    }

    static String title(ReportingPeriod period) {
        return switch (period.kind()) {
            case QUARTER -> "Lancashire Victim Services quarter " + period.name().charAt(period.name().length() - 1)
                    + " summary report " + period.financialYear().name();
            case YEAR -> "Lancashire Victim Services annual summary report " + period.name();
            case RANGE -> "Lancashire Victim Services summary report " + period.from() + " to " + period.to();
        };
    }

    static String periodWords(ReportingPeriod period) {
        return switch (period.kind()) {
            case QUARTER -> "quarter " + QUARTER_WORDS[period.name().charAt(period.name().length() - 1) - '0'];
            case YEAR -> "the year " + period.name();
            case RANGE -> "the period";
        };
    }

    private static Object get(Map<String, Object> map, String a, String b) {
        return ((Map<?, ?>) map.get(a)).get(b);
    }

    /** The report's one style sheet, inline; {@link PagePolicy} allows exactly it by its hash. */
    static final String STYLE = """
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
}
