package org.lvs.commons.text;

/**
 * The strings every consumer can hold (README, input rules): a text field is refused at the edge when it holds a
 * NUL or another control character (tab, CR and LF are allowed in free text only), a lone surrogate (not Unicode),
 * a noncharacter, or more characters than its documented maximum. PostgreSQL refuses NUL in text, so such a value
 * would otherwise stop a consumer downstream.
 *
 * <p>{@link #problem} returns the message for a refused value, or null when the value is fine; messages never quote
 * the value (it may be personal data).
 */
public final class SafeText {

    /** What a field may hold besides printable text. */
    public enum Kind {
        /** Names, codes, references: one line, no control characters at all. */
        LINE,
        /** Descriptions and notes: tab, CR and LF allowed. */
        FREE_TEXT
    }

    private SafeText() {}

    /** Null when {@code value} is acceptable for a field of this kind and maximum length (in characters). */
    public static String problem(String value, Kind kind, int maxLength) {
        if (value == null) {
            return null;
        }
        int length = value.codePointCount(0, value.length());
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (Character.isHighSurrogate(c)) {
                if (i + 1 < value.length() && Character.isLowSurrogate(value.charAt(i + 1))) {
                    int codePoint = Character.toCodePoint(c, value.charAt(i + 1));
                    if (isNoncharacter(codePoint)) {
                        return "must not contain Unicode noncharacters";
                    }
                    i++;
                    continue;
                }
                return "must be valid Unicode text (a lone surrogate was found)";
            }
            if (Character.isLowSurrogate(c)) {
                return "must be valid Unicode text (a lone surrogate was found)";
            }
            if (c == 0) {
                return "must not contain NUL characters";
            }
            if (isControl(c) && !(kind == Kind.FREE_TEXT && (c == '\t' || c == '\n' || c == '\r'))) {
                return kind == Kind.FREE_TEXT
                        ? "must not contain control characters other than tab and line breaks"
                        : "must not contain control characters or line breaks";
            }
            if (isNoncharacter(c)) {
                return "must not contain Unicode noncharacters";
            }
        }
        if (length > maxLength) {
            return "must be at most " + maxLength + " characters";
        }
        return null;
    }

    /** True when the value passes {@link #problem}. */
    public static boolean isSafe(String value, Kind kind, int maxLength) {
        return problem(value, kind, maxLength) == null;
    }

    /** C0 and C1 control characters and DEL, plus the line and paragraph separators. */
    static boolean isControl(char c) {
        return c < 0x20 || (c >= 0x7f && c <= 0x9f) || c == '\u2028' || c == '\u2029';
    }

    static boolean isNoncharacter(int codePoint) {
        return (codePoint >= 0xFDD0 && codePoint <= 0xFDEF) || (codePoint & 0xFFFE) == 0xFFFE;
    }

    /**
     * A value made safe for a spreadsheet cell: a leading {@code = + - @}, tab or CR makes spreadsheet programs read
     * it as a formula, so such a value is prefixed with an apostrophe (OWASP, CSV injection).
     */
    public static String csvCell(String value) {
        if (value == null || value.isEmpty()) {
            return value;
        }
        char first = value.charAt(0);
        return first == '=' || first == '+' || first == '-' || first == '@' || first == '\t' || first == '\r'
                ? "'" + value
                : value;
    }
}
