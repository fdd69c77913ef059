package org.lvs.ingest.domain;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

/**
 * A small streaming RFC 4180 reader: comma-separated fields, fields in double quotes may hold commas, line breaks
 * and doubled quotes; rows end with CRLF or LF. Reads one row at a time so a batch is never held twice in memory.
 * A quote inside an unquoted field is taken literally (lenient, as spreadsheets write them).
 */
public final class CsvReader {

    private final Reader in;
    private int pushedBack = -2;
    private long line = 1;
    private boolean first = true;

    public CsvReader(Reader in) {
        this.in = in;
    }

    /** The next row, or null at the end of input. A blank line is a row with one empty field. */
    public List<String> next() {
        int c = read();
        if (first) {
            first = false;
            if (c == '\uFEFF') { // a UTF-8 byte order mark some spreadsheet exports write
                c = read();
            }
        }
        if (c == -1) {
            return null;
        }
        List<String> row = new ArrayList<>();
        StringBuilder field = new StringBuilder();
        boolean quoted = false;
        boolean fieldStart = true;
        long startLine = line;
        while (true) {
            if (quoted) {
                if (c == -1) {
                    throw new CsvFormatException("unterminated quoted field starting on line " + startLine);
                }
                if (c == '"') {
                    int d = read();
                    if (d == '"') {
                        field.append('"');
                    } else {
                        quoted = false;
                        c = d;
                        continue;
                    }
                } else {
                    if (c == '\n') {
                        line++;
                    }
                    field.append((char) c);
                }
            } else if (c == '"' && fieldStart) {
                quoted = true;
                fieldStart = false;
            } else if (c == ',') {
                row.add(field.toString());
                field.setLength(0);
                fieldStart = true;
            } else if (c == '\r') {
                int d = read();
                if (d != '\n') {
                    unread(d);
                }
                line++;
                row.add(field.toString());
                return row;
            } else if (c == '\n') {
                line++;
                row.add(field.toString());
                return row;
            } else if (c == -1) {
                row.add(field.toString());
                return row;
            } else {
                field.append((char) c);
                fieldStart = false;
            }
            c = read();
        }
    }

    /** The line the reader is on (1-based), for error messages. */
    public long line() {
        return line;
    }

    private int read() {
        if (pushedBack != -2) {
            int c = pushedBack;
            pushedBack = -2;
            return c;
        }
        try {
            return in.read();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void unread(int c) {
        pushedBack = c;
    }
}
