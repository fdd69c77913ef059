package org.lvs.commons.failure;

/** What a failure means for the record that met it (README, failure policy). */
public enum FailureKind {
    /** No retry can cure it (an unreadable record, a value the database refuses, a domain rejection): dead-letter. */
    PERMANENT,
    /** It passes by itself (connection lost, deadlock, timeout, broker away): wait and retry, never dead-letter. */
    TRANSIENT,
    /** Not recognised: retried a few times, and treated as transient while a dependency is down. */
    UNKNOWN
}
