package org.lvs.metrics.service;

import static org.lvs.metrics.service.Xhtml.esc;

import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Labelled bar charts for the report: inline SVG for the HTML page (with a title and description for screen
 * readers, and the numbers printed on the bars), or plain HTML bars for the PDF, whose renderer draws no SVG.
 */
final class Charts {

    private static final AtomicInteger IDS = new AtomicInteger();
    private static final int BAR_HEIGHT = 22;
    private static final int LABEL_WIDTH = 190;
    private static final int PLOT_WIDTH = 360;

    private Charts() {
    }

    static String bars(String title, Map<String, ? extends Number> values, boolean svg) {
        if (values.isEmpty()) {
            return "<p class=\"no-data\">" + esc(title) + ": no data in this period.</p>";
        }
        double max = values.values().stream().mapToDouble(Number::doubleValue).max().orElse(0);
        return svg ? svgBars(title, values, max) : htmlBars(title, values, max);
    }

    private static String svgBars(String title, Map<String, ? extends Number> values, double max) {
        int id = IDS.incrementAndGet();
        int height = values.size() * (BAR_HEIGHT + 6) + 10;
        StringBuilder b = new StringBuilder();
        b.append("<figure class=\"chart\"><svg xmlns=\"http://www.w3.org/2000/svg\" role=\"img\" width=\"")
                .append(LABEL_WIDTH + PLOT_WIDTH + 60).append("\" height=\"").append(height)
                .append("\" aria-labelledby=\"chart-title-").append(id).append(" chart-desc-").append(id)
                .append("\"><title id=\"chart-title-").append(id).append("\">").append(esc(title))
                .append("</title><desc id=\"chart-desc-").append(id).append("\">");
        values.forEach((k, v) -> b.append(esc(Xhtml.label(k))).append(": ").append(esc(Xhtml.number(v)))
                .append(". "));
        b.append("</desc>");
        int y = 5;
        for (Map.Entry<String, ? extends Number> e : values.entrySet()) {
            double width = max <= 0 ? 0 : e.getValue().doubleValue() / max * PLOT_WIDTH;
            b.append("<text x=\"").append(LABEL_WIDTH - 6).append("\" y=\"").append(y + 15)
                    .append("\" text-anchor=\"end\" font-size=\"13\">").append(esc(Xhtml.label(e.getKey())))
                    .append("</text><rect x=\"").append(LABEL_WIDTH).append("\" y=\"").append(y)
                    .append("\" height=\"").append(BAR_HEIGHT).append("\" width=\"")
                    .append(String.format(java.util.Locale.ROOT, "%.1f", width))
                    .append("\" fill=\"#1f5f8b\"/><text x=\"")
                    .append(String.format(java.util.Locale.ROOT, "%.1f", LABEL_WIDTH + width + 4))
                    .append("\" y=\"").append(y + 15).append("\" font-size=\"13\">")
                    .append(esc(Xhtml.number(e.getValue()))).append("</text>");
            y += BAR_HEIGHT + 6;
        }
        b.append("</svg><figcaption>").append(esc(title)).append("</figcaption></figure>");
        return b.toString();
    }

    private static String htmlBars(String title, Map<String, ? extends Number> values, double max) {
        StringBuilder b = new StringBuilder("<table class=\"bars\"><caption>").append(esc(title))
                .append("</caption>");
        values.forEach((k, v) -> {
            int percent = max <= 0 ? 0 : (int) Math.round(v.doubleValue() / max * 100);
            b.append("<tr><th scope=\"row\">").append(esc(Xhtml.label(k))).append("</th><td class=\"barcell\">")
                    .append("<div class=\"bar\" style=\"width: ").append(Math.max(percent, 1))
                    .append("%\">&#160;</div></td><td class=\"num\">").append(esc(Xhtml.number(v)))
                    .append("</td></tr>");
        });
        return b.append("</table>").toString();
    }
}
