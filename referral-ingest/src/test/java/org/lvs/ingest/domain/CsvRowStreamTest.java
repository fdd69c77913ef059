package org.lvs.ingest.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayInputStream;
import java.io.InputStreamReader;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class CsvRowStreamTest {

    static List<List<String>> rows(String csv) {
        try (CsvRowStream reader = new CsvRowStream(new StringReader(csv))) {
            List<List<String>> rows = new ArrayList<>();
            for (List<String> row = reader.next(); row != null; row = reader.next()) {
                rows.add(row);
            }
            return rows;
        }
    }

    static List<Object[]> cases() {
        return List.of(
                new Object[] {"a,b,c\n", List.of(List.of("a", "b", "c"))},
                new Object[] {"a,b,c", List.of(List.of("a", "b", "c"))},
                new Object[] {"a,b\r\nc,d\r\n", List.of(List.of("a", "b"), List.of("c", "d"))},
                new Object[] {"\"x, y\",z\n", List.of(List.of("x, y", "z"))},
                new Object[] {"\"line1\nline2\",z\n", List.of(List.of("line1\nline2", "z"))},
                new Object[] {"\"line1\r\nline2\",z\r\n", List.of(List.of("line1\r\nline2", "z"))},
                new Object[] {"\"say \"\"hi\"\"\",z\n", List.of(List.of("say \"hi\"", "z"))},
                new Object[] {",,\n", List.of(List.of("", "", ""))},
                new Object[] {"\"\",a\n", List.of(List.of("", "a"))},
                new Object[] {"Siobhán,Zoë\n", List.of(List.of("Siobhán", "Zoë"))},
                new Object[] {"\uFEFFa,b\n", List.of(List.of("a", "b"))},
                new Object[] {"O\"Brien,x\n", List.of(List.of("O\"Brien", "x"))},
                new Object[] {"", List.of()});
    }

    @ParameterizedTest
    @MethodSource("cases")
    void readsRfc4180(String csv, List<List<String>> expected) {
        assertEquals(expected, rows(csv));
    }

    @Test
    void unterminatedQuoteIsNotCsv() {
        assertThrows(CsvFormatException.class, () -> rows("a,\"b\nc,d\n"));
    }

    @Test
    void blankLinesAndBareCarriageReturnsEndRowsAsBefore() {
        assertEquals(List.of(List.of("a"), List.of(""), List.of("b")), rows("a\n\nb\n"));
        assertEquals(List.of(List.of("a"), List.of("b")), rows("a\rb\r"));
        assertEquals(List.of(List.of("\"a\"b", "c")), rows("\uFEFF\"\"\"a\"\"b\",c"));
    }

    @Test
    void textAfterAClosingQuoteIsNotCsvAndTheMessageQuotesNothingSent() {
        CsvFormatException e = assertThrows(CsvFormatException.class, () -> rows("\"secret\"Z,b\n"));
        assertFalse(e.getMessage().contains("Z"), e.getMessage());
    }

    @Test
    void bytesThatAreNotUtf8AreReportedNotReplaced() {
        CharsetDecoder strict = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT);
        byte[] body = {'a', ',', (byte) 0xC3, '(', '\n'};
        InputStreamReader in = new InputStreamReader(new ByteArrayInputStream(body), strict);
        UncheckedIOException e = assertThrows(UncheckedIOException.class, () -> {
            try (CsvRowStream reader = new CsvRowStream(in)) {
                reader.next();
            }
        });
        assertInstanceOf(CharacterCodingException.class, e.getCause());
    }

    @Test
    void missingHeaderIsNotABatch() {
        assertThrows(CsvFormatException.class, () -> new CsvReferralRows(null));
        assertThrows(CsvFormatException.class, () -> new CsvReferralRows(List.of("")));
    }

    @Test
    void rowsBecomeReferralTreesWithTypesAndLists() {
        CsvReferralRows rows = new CsvReferralRows(List.of(
                "sourceReference",
                "version",
                "feedSequence",
                "crime.category",
                "crime.hateStrands",
                "victim.firstName",
                "victim.age",
                "victim.address.line1",
                "safeguarding.unsafeToContact",
                "unknownColumn"));
        ObjectNode tree = rows.toTree(List.of(
                "R-1", "2", "x7", "HATE_CRIME", "RACE| RELIGION", "Siobhán", "", "1 Quay, Flat 2", "TRUE", "whatever"));
        assertEquals("R-1", tree.get("sourceReference").asText());
        assertEquals(2, tree.get("version").intValue());
        assertEquals("x7", tree.get("feedSequence").asText()); // stays text: the validator names it
        assertEquals("RELIGION", tree.get("crime").get("hateStrands").get(1).asText());
        assertEquals("Siobhán", tree.get("victim").get("firstName").asText());
        assertNull(tree.get("victim").get("age"));
        assertEquals(
                "1 Quay, Flat 2", tree.get("victim").get("address").get("line1").asText());
        assertEquals(true, tree.get("safeguarding").get("unsafeToContact").booleanValue());
    }

    @Test
    void aControlCharacterInATypedCellIsKeptForTheValidatorNotTrimmedAway() {
        CsvReferralRows rows =
                new CsvReferralRows(List.of("crime.hateStrands", "version", "safeguarding.unsafeToContact"));
        ObjectNode tree = rows.toTree(List.of("RACE\u0000", "2\u0000", "true\u0007"));
        assertEquals("RACE\u0000", tree.get("crime").get("hateStrands").asText());
        assertEquals("2\u0000", tree.get("version").asText());
        assertEquals(
                "true\u0007", tree.get("safeguarding").get("unsafeToContact").asText());
    }

    @Test
    void shortRowsLeaveTrailingFieldsAbsent() {
        CsvReferralRows rows = new CsvReferralRows(List.of("sourceReference", "area"));
        ObjectNode tree = rows.toTree(List.of("R-1"));
        assertNull(tree.get("area"));
    }
}
