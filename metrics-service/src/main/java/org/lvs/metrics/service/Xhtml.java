package org.lvs.metrics.service;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.text.NumberFormat;
import java.util.Locale;
import java.util.Map;

/** Small helpers for writing well-formed XHTML (the PDF renderer parses it as XML) and formatting figures. */
final class Xhtml {

    private Xhtml() {
    }

    static String esc(Object value) {
        if (value == null) {
            return "";
        }
        String s = value.toString();
        StringBuilder b = new StringBuilder(s.length());
        for (char c : s.toCharArray()) {
            switch (c) {
                case '&' -> b.append("&amp;");
                case '<' -> b.append("&lt;");
                case '>' -> b.append("&gt;");
                case '"' -> b.append("&quot;");
                case '\'' -> b.append("&#39;");
                default -> b.append(c);
            }
        }
        return b.toString();
    }

    /** 15072 → "15,072". */
    static String number(Object value) {
        if (value == null) {
            return "n/a";
        }
        if (value instanceof Number n && !(value instanceof BigDecimal) && !(value instanceof Double)) {
            return NumberFormat.getIntegerInstance(Locale.UK).format(n.longValue());
        }
        return value.toString();
    }

    /** A fractional value (days, hours) to one decimal, half-up; "n/a" when absent. */
    static String decimal(Object value) {
        if (value == null) {
            return "n/a";
        }
        return new BigDecimal(value.toString()).setScale(1, RoundingMode.HALF_UP).toPlainString();
    }

    static String percent(Map<String, Object> share) {
        Object percent = share.get("percent");
        return percent == null ? "n/a" : percent + "%";
    }

    /** The service's label of a figure's key ({@link Labels}). */
    static String label(String key) {
        return Labels.of(key);
    }
}
