package org.lvs.commons.text;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.junit.jupiter.api.Test;
import org.lvs.commons.text.SafeText.Kind;

/** What no consumer can hold is refused; ordinary Unicode text passes. */
class SafeTextTest {

    @Test
    void ordinaryTextPasses() {
        assertNull(SafeText.problem("Amina Ó'Brien-Smith 😀", Kind.LINE, 200));
        assertNull(SafeText.problem("line one\r\nline\ttwo", Kind.FREE_TEXT, 2000));
        assertNull(SafeText.problem(null, Kind.LINE, 1));
    }

    @Test
    void nulAndControlCharactersAreRefused() {
        assertEquals("must not contain NUL characters", SafeText.problem("a\u0000b", Kind.FREE_TEXT, 200));
        assertEquals("must not contain control characters or line breaks", SafeText.problem("a\nb", Kind.LINE, 200));
        assertEquals("must not contain control characters or line breaks", SafeText.problem("a\u001bb", Kind.LINE, 9));
        assertEquals(
                "must not contain control characters other than tab and line breaks",
                SafeText.problem("bell\u0007", Kind.FREE_TEXT, 200));
        assertEquals("must not contain control characters or line breaks", SafeText.problem("\u0085", Kind.LINE, 9));
    }

    @Test
    void loneSurrogatesAndNoncharactersAreRefused() {
        assertEquals(
                "must be valid Unicode text (a lone surrogate was found)",
                SafeText.problem("a\ud800b", Kind.LINE, 200));
        assertEquals(
                "must be valid Unicode text (a lone surrogate was found)", SafeText.problem("\udc00", Kind.LINE, 200));
        assertEquals("must not contain Unicode noncharacters", SafeText.problem("\uffff", Kind.LINE, 200));
    }

    @Test
    void lengthCountsCharactersNotUtf16Units() {
        assertNull(SafeText.problem("😀".repeat(3), Kind.LINE, 3));
        assertEquals("must be at most 3 characters", SafeText.problem("abcd", Kind.LINE, 3));
    }

    @Test
    void spreadsheetFormulasAreNeutralised() {
        assertEquals("'=HYPERLINK(\"x\")", SafeText.csvCell("=HYPERLINK(\"x\")"));
        assertEquals("'+1", SafeText.csvCell("+1"));
        assertEquals("'-1", SafeText.csvCell("-1"));
        assertEquals("'@SUM(A1)", SafeText.csvCell("@SUM(A1)"));
        assertEquals("'\tx", SafeText.csvCell("\tx"));
        assertEquals("ADT", SafeText.csvCell("ADT"));
    }
}
