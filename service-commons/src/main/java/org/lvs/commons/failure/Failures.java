package org.lvs.commons.failure;

import java.io.IOException;
import java.net.ConnectException;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.sql.SQLException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLRecoverableException;
import java.sql.SQLTransientException;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.common.errors.AuthorizationException;
import org.apache.kafka.common.errors.InvalidTopicException;
import org.apache.kafka.common.errors.RecordBatchTooLargeException;
import org.apache.kafka.common.errors.RecordTooLargeException;
import org.apache.kafka.common.errors.RetriableException;
import org.apache.kafka.common.errors.SerializationException;
import org.lvs.contract.event.MalformedEventException;

/**
 * Classifies a failure by walking its causes (README, failure policy):
 * <ul>
 * <li>permanent: an unreadable record ({@link MalformedEventException}), a domain rejection
 * ({@link RejectedRecordException}), PostgreSQL data exceptions (SQLSTATE class 22) and integrity violations (class
 * 23), a record the broker refuses for good (too large, invalid topic, not authorised);</li>
 * <li>transient: connection loss (class 08, 57P01-57P03), serialization failures and deadlocks (40001, 40P01),
 * lock and statement timeouts (55P03, 57014), insufficient resources (class 53), a read-only database (25006), socket
 * errors and timeouts, the broker's retriable errors;</li>
 * <li>unknown: anything else.</li>
 * </ul>
 * The first cause that decides wins, from the outermost in, so a wrapper around a SQL error is classified by it.
 */
public final class Failures {

    private Failures() {}

    public static Failure classify(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = next(cause)) {
            Failure decided = decide(cause);
            if (decided != null) {
                return decided;
            }
        }
        return new Failure(FailureKind.UNKNOWN, "unknown: " + kinds(failure));
    }

    private static Throwable next(Throwable t) {
        Throwable cause = t.getCause();
        if (cause == null && t instanceof SQLException sql) {
            cause = sql.getNextException();
        }
        return cause == t ? null : cause;
    }

    private static Failure decide(Throwable t) {
        if (t instanceof MalformedEventException) {
            return permanent("unreadable record: " + safe(t.getMessage()));
        }
        if (t instanceof RejectedRecordException) {
            return permanent("rejected: " + safe(t.getMessage()));
        }
        if (t instanceof SQLException sql) {
            Failure bySqlState = bySqlState(sql.getSQLState());
            if (bySqlState != null) {
                return bySqlState;
            }
            if (t instanceof SQLTransientException
                    || t instanceof SQLRecoverableException
                    || t instanceof SQLNonTransientConnectionException) {
                return transientFailure("database unavailable (" + t.getClass().getSimpleName() + ")");
            }
            return null;
        }
        if (t instanceof RecordTooLargeException
                || t instanceof RecordBatchTooLargeException
                || t instanceof InvalidTopicException
                || t instanceof SerializationException
                || t instanceof AuthorizationException) {
            return permanent("refused by the broker (" + t.getClass().getSimpleName() + ")");
        }
        if (t instanceof RetriableException || t instanceof org.apache.kafka.common.errors.TimeoutException) {
            return transientFailure("broker unavailable (" + t.getClass().getSimpleName() + ")");
        }
        if (t instanceof SocketTimeoutException
                || t instanceof ConnectException
                || t instanceof SocketException
                || t instanceof TimeoutException
                || t instanceof java.io.EOFException) {
            return transientFailure("connection failure (" + t.getClass().getSimpleName() + ")");
        }
        if (t instanceof IOException && t.getClass().getName().startsWith("java.net")) {
            return transientFailure("connection failure (" + t.getClass().getSimpleName() + ")");
        }
        return null;
    }

    /** PostgreSQL error codes (Appendix A of its manual); null when the state does not decide. */
    static Failure bySqlState(String state) {
        if (state == null || state.length() != 5) {
            return null;
        }
        String sqlClass = state.substring(0, 2);
        return switch (sqlClass) {
            case "22" -> permanent("data exception (SQLSTATE " + state + ")");
            case "23" -> permanent("integrity constraint violation (SQLSTATE " + state + ")");
            case "08" -> transientFailure("connection exception (SQLSTATE " + state + ")");
            case "40" -> transientFailure("transaction rollback (SQLSTATE " + state + ")");
            case "53" -> transientFailure("insufficient resources (SQLSTATE " + state + ")");
            case "58" -> transientFailure("system error (SQLSTATE " + state + ")");
            case "57" ->
                state.equals("57014") || state.startsWith("57P")
                        ? transientFailure("operator intervention (SQLSTATE " + state + ")")
                        : null;
            case "55" ->
                state.equals("55P03") || state.equals("55006")
                        ? transientFailure("lock not available (SQLSTATE " + state + ")")
                        : null;
            case "25" -> state.equals("25006") ? transientFailure("read-only database (SQLSTATE " + state + ")") : null;
            case "HV", "XX" -> transientFailure("internal error (SQLSTATE " + state + ")");
            default -> null;
        };
    }

    /** The kinds of error down to the root cause, without their messages (which may quote personal data). */
    public static String kinds(Throwable e) {
        StringBuilder kinds = new StringBuilder(e.getClass().getSimpleName());
        int depth = 0;
        for (Throwable cause = next(e); cause != null && depth < 8; cause = next(cause), depth++) {
            kinds.append(" <- ").append(cause.getClass().getSimpleName());
            if (cause instanceof SQLException sql && sql.getSQLState() != null) {
                kinds.append(" (SQLSTATE ").append(sql.getSQLState()).append(')');
            }
        }
        return kinds.toString();
    }

    /**
     * The message of one of our own exceptions, whose contract is to name kinds and fields only: still capped and
     * stripped of control characters, since it may name an event type taken from the record.
     */
    static String safe(String message) {
        if (message == null) {
            return "";
        }
        String oneLine = message.codePoints()
                .map(c -> Character.isISOControl(c) ? ' ' : c)
                .collect(StringBuilder::new, StringBuilder::appendCodePoint, StringBuilder::append)
                .toString();
        return oneLine.length() > 300 ? oneLine.substring(0, 300) + "…" : oneLine;
    }

    private static Failure permanent(String reason) {
        return new Failure(FailureKind.PERMANENT, reason);
    }

    private static Failure transientFailure(String reason) {
        return new Failure(FailureKind.TRANSIENT, reason);
    }
}
