package org.lvs.ingest.persistence;

/** The database did not answer (down, unreachable, a lock or statement timeout): the caller gets a 503. */
public class StoreUnavailableException extends RuntimeException {
    public StoreUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
