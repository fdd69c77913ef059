package org.lvs.ingest.service;

import java.sql.SQLException;
import org.jboss.logging.Logger;
import org.lvs.commons.failure.Failure;
import org.lvs.commons.failure.FailureKind;
import org.lvs.commons.failure.Failures;
import org.lvs.commons.problem.ProblemException;
import org.lvs.ingest.persistence.StoreUnavailableException;

/**
 * How a database failure at the edge is answered, in agreement with the commons failure policy and its
 * {@code Unexpected} mapper: a transient one (connection lost or timed out, including the JDBC socket timeout of a
 * frozen database, a lock or statement timeout, a deadlock) is a 503 with {@code Retry-After}, and since nothing is
 * half-done the caller may retry the same request; so is a failed commit that names no cause. A permanent one (a data
 * exception, a constraint no retry cures) is a bug: it goes on to the 500 of the commons mapper. Logs carry the
 * failure's kind and SQLSTATE only: driver messages may quote values.
 */
final class DatabaseErrors {

    private static final Logger LOG = Logger.getLogger(DatabaseErrors.class);

    private DatabaseErrors() {}

    static RuntimeException translate(RuntimeException e, int retryAfterSeconds) {
        if (e instanceof ProblemException) {
            return e;
        }
        Failure failure = Failures.classify(e);
        if (failure.kind() == FailureKind.TRANSIENT
                || (failure.kind() == FailureKind.UNKNOWN && involvesTheDatabase(e))) {
            LOG.warnf("database unavailable, answering 503: %s", failure.reason());
            return ProblemException.unavailable(
                    "The database is unavailable; retry the same request later", retryAfterSeconds);
        }
        return e;
    }

    static boolean involvesTheDatabase(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof StoreUnavailableException
                    || t instanceof SQLException
                    || t.getClass().getName().startsWith("jakarta.transaction.")
                    || t.getClass().getName().startsWith("com.arjuna.")) {
                return true;
            }
        }
        return false;
    }
}
