package org.lvs.metrics.report;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.RecordComponent;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.lvs.commons.text.SafeText;
import org.lvs.metrics.rest.dto.Summary;
import org.lvs.metrics.rest.dto.Summary.Priority;
import org.lvs.metrics.rest.dto.Summary.ServiceWaiting;

/**
 * Every figure of a summary as {@code section,figure,value} (metrics.md), the figure named by its dotted JSON path
 * inside its section ({@code referrals,bySource.ADT,3}), keys sorted within each level; the summary's plain values
 * ({@code asAt}, {@code eventsApplied}, …) are the section {@code meta}. The rows follow the summary's record
 * shapes, so a figure added to {@link Summary} is in the CSV without more code.
 */
final class ReportCsv {

    /** The previous period's figures the report compares against. */
    record PreviousFigures(
            Summary.Period period,
            Total referrals,
            Priority priority,
            Map<String, ServiceWaiting> serviceWaitingDays) {}

    record Total(long total) {}

    private final StringBuilder out = new StringBuilder("section,figure,value\r\n");

    private ReportCsv() {}

    static String of(Summary summary, Summary previous) {
        ReportCsv csv = new ReportCsv();
        for (RecordComponent component : Summary.class.getRecordComponents()) {
            Object value = read(component, summary);
            if (value instanceof Record || value instanceof Map<?, ?> || value instanceof List<?>) {
                csv.flatten(jsonName(component), "", value);
            } else {
                csv.row("meta", jsonName(component), value);
            }
        }
        csv.flatten(
                "previousPeriod",
                "",
                new PreviousFigures(
                        previous.period(),
                        new Total(previous.referrals().total()),
                        previous.priority(),
                        previous.serviceWaitingDays()));
        return csv.out.toString();
    }

    private void flatten(String section, String path, Object value) {
        if (value instanceof Map<?, ?> map) {
            Map<String, Object> sorted = new TreeMap<>();
            map.forEach((k, v) -> sorted.put(String.valueOf(k), v));
            flattenAll(section, path, sorted);
        } else if (value instanceof Record record) {
            Map<String, Object> sorted = new TreeMap<>();
            for (RecordComponent component : record.getClass().getRecordComponents()) {
                sorted.put(jsonName(component), read(component, record));
            }
            flattenAll(section, path, sorted);
        } else if (value instanceof List<?> list) {
            for (int i = 0; i < list.size(); i++) {
                flatten(section, path + "[" + i + "]", list.get(i));
            }
            if (list.isEmpty()) {
                row(section, path, "");
            }
        } else {
            row(section, path, value);
        }
    }

    private void flattenAll(String section, String path, Map<String, Object> sorted) {
        if (sorted.isEmpty()) {
            row(section, path, "");
        }
        sorted.forEach((key, v) -> flatten(section, path.isEmpty() ? key : path + "." + key, v));
    }

    /** The name the JSON gives the component ({@code NO_DATA} for {@code noData}). */
    private static String jsonName(RecordComponent component) {
        JsonProperty property = component.getAccessor().getAnnotation(JsonProperty.class);
        return property == null || property.value().isEmpty() ? component.getName() : property.value();
    }

    private static Object read(RecordComponent component, Object record) {
        try {
            return component.getAccessor().invoke(record);
        } catch (IllegalAccessException | InvocationTargetException e) {
            throw new IllegalStateException("cannot read " + component.getName() + " of a summary record", e);
        }
    }

    /**
     * One {@code section,figure,value} line. Text cells go through {@link SafeText#csvCell} (a figure's name can hold
     * a value a source sent, such as an unknown source in the feed gaps): a spreadsheet never reads them as a
     * formula. Numbers are written as they are.
     */
    private void row(String section, String figure, Object value) {
        String cell =
                value == null ? "" : value instanceof Number ? value.toString() : SafeText.csvCell(value.toString());
        out.append(field(SafeText.csvCell(section)))
                .append(',')
                .append(field(SafeText.csvCell(figure)))
                .append(',')
                .append(field(cell))
                .append("\r\n");
    }

    static String field(String text) {
        if (text.indexOf(',') >= 0 || text.indexOf('"') >= 0 || text.indexOf('\n') >= 0 || text.indexOf('\r') >= 0) {
            return '"' + text.replace("\"", "\"\"") + '"';
        }
        return text;
    }
}
