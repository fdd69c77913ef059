package org.lvs.metrics.report;

import io.quarkus.qute.TemplateData;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Labelled bar charts for the report (drawn by the {@code chart} template tag): inline SVG for the HTML page (with a
 * title and description for screen readers, and the numbers printed on the bars), or plain HTML bars for the PDF,
 * whose renderer draws no SVG. Here only the geometry is worked out.
 */
public final class Charts {

    private static final AtomicInteger IDS = new AtomicInteger();
    static final int BAR_HEIGHT = 22;
    static final int LABEL_WIDTH = 190;
    static final int PLOT_WIDTH = 360;

    /** One chart; {@code svg} false draws it as an HTML table (PDF). */
    @TemplateData
    public record Chart(String title, boolean svg, int id, int width, int height, String description, List<Bar> bars) {

        public boolean empty() {
            return bars.isEmpty();
        }

        public int labelX() {
            return LABEL_WIDTH - 6;
        }

        public int plotX() {
            return LABEL_WIDTH;
        }

        public int barHeight() {
            return BAR_HEIGHT;
        }
    }

    /**
     * @param width   the SVG bar's length; {@code valueX} where its number is written
     * @param percent the HTML bar's length, in percent of the longest (at least 1, so every bar shows)
     */
    @TemplateData
    public record Bar(String label, String value, int y, int textY, String width, String valueX, int percent) {}

    private Charts() {}

    static Chart bars(String title, Map<String, ? extends Number> values, boolean svg) {
        double max =
                values.values().stream().mapToDouble(Number::doubleValue).max().orElse(0);
        List<Bar> bars = new ArrayList<>();
        StringBuilder description = new StringBuilder();
        int y = 5;
        for (Map.Entry<String, ? extends Number> e : values.entrySet()) {
            String label = ReportFormat.label(e.getKey());
            String value = ReportFormat.number(e.getValue());
            double width = max <= 0 ? 0 : e.getValue().doubleValue() / max * PLOT_WIDTH;
            int percent = max <= 0 ? 0 : (int) Math.round(e.getValue().doubleValue() / max * 100);
            bars.add(new Bar(
                    label,
                    value,
                    y,
                    y + 15,
                    oneDecimal(width),
                    oneDecimal(LABEL_WIDTH + width + 4),
                    Math.max(percent, 1)));
            description.append(label).append(": ").append(value).append(". ");
            y += BAR_HEIGHT + 6;
        }
        return new Chart(
                title,
                svg,
                svg && !bars.isEmpty() ? IDS.incrementAndGet() : 0,
                LABEL_WIDTH + PLOT_WIDTH + 60,
                values.size() * (BAR_HEIGHT + 6) + 10,
                description.toString(),
                bars);
    }

    private static String oneDecimal(double value) {
        return String.format(Locale.ROOT, "%.1f", value);
    }
}
