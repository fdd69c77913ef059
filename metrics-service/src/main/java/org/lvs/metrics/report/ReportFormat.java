package org.lvs.metrics.report;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.text.NumberFormat;
import java.util.Locale;
import org.lvs.metrics.domain.Share;
import org.lvs.metrics.service.Labels;

/** How the report writes figures: counts grouped, fractions to one decimal, "n/a" for what is not known. */
final class ReportFormat {

    private ReportFormat() {}

    /** 15072 → "15,072"; a decimal as it is. */
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
        return new BigDecimal(value.toString())
                .setScale(1, RoundingMode.HALF_UP)
                .toPlainString();
    }

    /** "50.0% (2 of 4)", or "n/a (0 of 0)". */
    static String share(Share share) {
        String percent = share.percent() == null ? "n/a" : share.percent() + "%";
        return percent + " (" + number(share.count()) + " of " + number(share.of()) + ")";
    }

    /** A value as it is, or "n/a". */
    static String orNa(Object value) {
        return value == null ? "n/a" : value.toString();
    }

    /** The service's label of a figure's key ({@link Labels}). */
    static String label(String key) {
        return Labels.of(key);
    }
}
