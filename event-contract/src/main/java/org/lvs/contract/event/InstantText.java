package org.lvs.contract.event;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;

/**
 * Instants as event text, the common form read and written without {@link DateTimeFormatter}. Every event carries
 * several instants, and a profile of the pipeline put {@code DateTimeFormatter}'s parsing at a fifth of
 * metrics-service's CPU and a fifteenth of contact-sla's and triage's. Events are written by {@link EventJson} in one
 * form, {@code yyyy-MM-ddTHH:mm:ss[.fraction]Z}; this reads exactly that form, with a 4-digit year and 1 to 9 fraction
 * digits, and declines everything else (offsets, lower-case letters, hour 24, a leap second, a date that does not
 * exist, surrounding space, epoch numbers), which the JSON mapping then reads the standard way. So what is read is
 * what {@link DateTimeFormatter#ISO_INSTANT} reads, and what it refuses is still refused.
 */
public final class InstantText {

    private static final int SHORTEST = "0000-00-00T00:00:00Z".length();
    private static final int LONGEST = "0000-00-00T00:00:00.000000000Z".length();
    private static final int SECONDS_PER_DAY = 86_400;
    /** The days {@link DateTimeFormatter#ISO_INSTANT} writes with a 4-digit year and no sign. */
    private static final long MIN_COMMON_DAY = LocalDate.of(0, 1, 1).toEpochDay();

    private static final long MAX_COMMON_DAY = LocalDate.of(9999, 12, 31).toEpochDay();
    private static final int[] POWERS_OF_TEN = {1, 10, 100, 1_000, 10_000, 100_000, 1_000_000, 10_000_000, 100_000_000};

    private InstantText() {}

    /** The instant this text names when it is in the common form; {@code null} when it is not (read it otherwise). */
    public static Instant parseCommon(String text) {
        int length = text.length();
        if (length < SHORTEST
                || length > LONGEST
                || text.charAt(4) != '-'
                || text.charAt(7) != '-'
                || text.charAt(10) != 'T'
                || text.charAt(13) != ':'
                || text.charAt(16) != ':'
                || text.charAt(length - 1) != 'Z') {
            return null;
        }
        int year = digits(text, 0, 4);
        int month = digits(text, 5, 2);
        int day = digits(text, 8, 2);
        int hour = digits(text, 11, 2);
        int minute = digits(text, 14, 2);
        int second = digits(text, 17, 2);
        if (year < 0
                || month < 0
                || day < 0
                || hour < 0
                || hour > 23
                || minute < 0
                || minute > 59
                || second < 0
                || second > 59) {
            return null;
        }
        int nanos = 0;
        if (length > SHORTEST) {
            int fractionDigits = length - SHORTEST - 1;
            if (text.charAt(19) != '.' || fractionDigits < 1) {
                return null;
            }
            int fraction = digits(text, 20, fractionDigits);
            if (fraction < 0) {
                return null;
            }
            nanos = fraction * POWERS_OF_TEN[9 - fractionDigits];
        }
        long epochDay;
        try {
            epochDay = LocalDate.of(year, month, day).toEpochDay();
        } catch (DateTimeException noSuchDate) {
            return null; // 30 February: the standard reading refuses it with its own message
        }
        return Instant.ofEpochSecond(epochDay * SECONDS_PER_DAY + hour * 3600L + minute * 60L + second, nanos);
    }

    /**
     * The text {@link DateTimeFormatter#ISO_INSTANT} writes for this instant (and {@link Instant#toString()}): the
     * fraction in groups of three digits, none when it is zero.
     */
    public static String format(Instant instant) {
        long seconds = instant.getEpochSecond();
        long epochDay = Math.floorDiv(seconds, SECONDS_PER_DAY);
        if (epochDay < MIN_COMMON_DAY || epochDay > MAX_COMMON_DAY) {
            return DateTimeFormatter.ISO_INSTANT.format(instant); // years outside 0000-9999 carry a sign
        }
        LocalDate date = LocalDate.ofEpochDay(epochDay);
        int secondOfDay = (int) Math.floorMod(seconds, SECONDS_PER_DAY);
        int nanos = instant.getNano();
        char[] out = new char[LONGEST];
        put(out, 0, date.getYear(), 4);
        out[4] = '-';
        put(out, 5, date.getMonthValue(), 2);
        out[7] = '-';
        put(out, 8, date.getDayOfMonth(), 2);
        out[10] = 'T';
        put(out, 11, secondOfDay / 3600, 2);
        out[13] = ':';
        put(out, 14, secondOfDay / 60 % 60, 2);
        out[16] = ':';
        put(out, 17, secondOfDay % 60, 2);
        int at = 19;
        if (nanos != 0) {
            out[at++] = '.';
            if (nanos % 1_000_000 == 0) {
                put(out, at, nanos / 1_000_000, 3);
                at += 3;
            } else if (nanos % 1_000 == 0) {
                put(out, at, nanos / 1_000, 6);
                at += 6;
            } else {
                put(out, at, nanos, 9);
                at += 9;
            }
        }
        out[at++] = 'Z';
        return new String(out, 0, at);
    }

    /** The number written in these ASCII digits; -1 when any is not one. */
    private static int digits(String text, int from, int count) {
        int value = 0;
        for (int i = from; i < from + count; i++) {
            int digit = text.charAt(i) - '0';
            if (digit < 0 || digit > 9) {
                return -1;
            }
            value = value * 10 + digit;
        }
        return value;
    }

    private static void put(char[] out, int from, int value, int width) {
        for (int i = from + width - 1; i >= from; i--) {
            out[i] = (char) ('0' + value % 10);
            value /= 10;
        }
    }
}
