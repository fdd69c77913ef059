package org.lvs.ingest.domain;

/** The body is not CSV at all (e.g. an unterminated quoted field): the batch is rejected as a whole. */
public class CsvFormatException extends RuntimeException {
    public CsvFormatException(String message) {
        super(message);
    }
}
