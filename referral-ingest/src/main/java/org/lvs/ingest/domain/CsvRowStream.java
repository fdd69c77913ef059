package org.lvs.ingest.domain;

import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.dataformat.csv.CsvFactory;
import com.fasterxml.jackson.dataformat.csv.CsvParser;
import java.io.Closeable;
import java.io.IOException;
import java.io.PushbackReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

/**
 * The rows of an RFC 4180 body, one at a time (jackson-dataformat-csv), so a batch is never held twice in memory:
 * comma-separated fields, fields in double quotes may hold commas, line breaks and doubled quotes; rows end with CRLF,
 * LF or CR. A quote inside an unquoted field is taken literally, as spreadsheets write them; a leading byte order mark
 * is skipped. Decoding is the caller's: it hands over a strictly decoding reader, whose errors surface as
 * {@link UncheckedIOException}.
 */
public final class CsvRowStream implements Closeable {

    private static final char BYTE_ORDER_MARK = '\uFEFF';

    /** No string limit of the parser's own: the body limit (lvs.ingest.max-batch-bytes) bounds every cell. */
    private static final CsvFactory FACTORY = CsvFactory.builder()
            .streamReadConstraints(StreamReadConstraints.builder()
                    .maxStringLength(Integer.MAX_VALUE)
                    .build())
            .build();

    private final CsvParser parser;

    public CsvRowStream(Reader in) {
        try {
            parser = (CsvParser) FACTORY.createParser(withoutByteOrderMark(in));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * The next row, or null at the end of input. A blank line is a row with one empty field.
     *
     * @throws CsvFormatException   when the body is no CSV (a quoted field not closed, or text after its closing quote)
     * @throws UncheckedIOException when the body cannot be read or decoded
     */
    public List<String> next() {
        try {
            JsonToken token = parser.nextToken();
            if (token == null) {
                return null;
            }
            // Without a schema the parser gives every row as an array of its cells.
            List<String> row = new ArrayList<>();
            for (token = parser.nextToken(); token == JsonToken.VALUE_STRING; token = parser.nextToken()) {
                row.add(parser.getText());
            }
            if (row.isEmpty()) {
                row.add("");
            }
            return row;
        } catch (JsonParseException e) {
            throw new CsvFormatException(problem(e));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        try {
            parser.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Our own words, never the parser's: its messages quote the characters sent. */
    private static String problem(JsonParseException e) {
        long line = e.getLocation() == null ? 0 : e.getLocation().getLineNr();
        String what = e.getOriginalMessage() != null && e.getOriginalMessage().startsWith("Missing closing quote")
                ? "unterminated quoted field"
                : "text after the closing quote of a field";
        return line > 0 ? what + " on line " + line : what;
    }

    private static Reader withoutByteOrderMark(Reader in) throws IOException {
        PushbackReader reader = new PushbackReader(in, 1);
        int first = reader.read();
        if (first != -1 && first != BYTE_ORDER_MARK) {
            reader.unread(first);
        }
        return reader;
    }
}
