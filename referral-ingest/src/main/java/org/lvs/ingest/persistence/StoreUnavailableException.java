package org.lvs.ingest.persistence;

import java.sql.SQLException;

/**
 * The database refused or did not answer (down, unreachable, a socket, lock or statement timeout). The message names
 * the SQL state only: driver messages may quote parameter values. The SQLException stays the cause, so the failure
 * policy classifies it by its state (transient: a 503; permanent: a bug).
 */
public class StoreUnavailableException extends RuntimeException {
    public StoreUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }

    public static StoreUnavailableException of(SQLException e) {
        return new StoreUnavailableException("database error, SQL state " + e.getSQLState(), e);
    }
}
