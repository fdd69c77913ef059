package org.lvs.commons.rest.validation;

import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;

/**
 * Reads the times {@link IsoInstant} and {@link DateOrInstant} accept, once they are valid: absent or blank is null,
 * anything else that does not read throws {@code DateTimeException} (the validators' test).
 */
public final class TimeText {

    private static final ZoneId LONDON = ZoneId.of("Europe/London");

    private TimeText() {}

    /**
     * An ISO-8601 instant, in UTC ({@code Z}) or with an offset, read leniently: as {@code Instant.parse} reads it
     * (which takes {@code 23:59:60} as {@code 23:59:59} and {@code 24:00:00} as the next day's midnight), else as
     * {@code OffsetDateTime.parse} does.
     */
    public static Instant instant(String text) {
        return instant(text, true);
    }

    /**
     * An ISO-8601 instant, in UTC ({@code Z}) or with an offset; {@code lenient} as in {@link #instant(String)},
     * otherwise only what {@code OffsetDateTime.parse} reads (no leap second, no {@code 24:00}).
     */
    public static Instant instant(String text, boolean lenient) {
        if (text == null || text.isBlank()) {
            return null;
        }
        if (lenient) {
            try {
                return Instant.parse(text.trim());
            } catch (DateTimeParseException e) {
                // an offset form Instant.parse does not read (no seconds, "+01"): OffsetDateTime's reading below
            }
        }
        return OffsetDateTime.parse(text.trim()).toInstant();
    }

    /** A {@code from} bound: the start of the day (Europe/London), or the instant. */
    public static Instant from(String text) {
        return bound(text, false);
    }

    /** A {@code to} bound, exclusive: the end of the day (the whole day is included), or just after the instant. */
    public static Instant to(String text) {
        return bound(text, true);
    }

    private static Instant bound(String text, boolean endOfDay) {
        if (text == null || text.isBlank()) {
            return null;
        }
        try {
            LocalDate date = LocalDate.parse(text.trim());
            return (endOfDay ? date.plusDays(1) : date).atStartOfDay(LONDON).toInstant();
        } catch (DateTimeParseException notADate) {
            Instant at = instant(text);
            return endOfDay ? at.plusNanos(1) : at;
        }
    }
}
