package org.lvs.commons.failure;

/**
 * A classified failure. {@code reason} names the kind of error and, for database errors, the SQLSTATE; it never
 * quotes an exception message, because messages may quote the values of a record (personal data).
 */
public record Failure(FailureKind kind, String reason) {

    public boolean permanent() {
        return kind == FailureKind.PERMANENT;
    }

    public boolean transientFailure() {
        return kind == FailureKind.TRANSIENT;
    }
}
