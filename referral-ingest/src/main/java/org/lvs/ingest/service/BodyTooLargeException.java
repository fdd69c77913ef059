package org.lvs.ingest.service;

import java.io.IOException;

/** The request body passed its size limit while being read. */
public class BodyTooLargeException extends IOException {
    public BodyTooLargeException(long limit) {
        super("body larger than " + limit + " bytes");
    }
}
