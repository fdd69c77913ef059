package org.lvs.commons.failure;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.net.SocketTimeoutException;
import java.sql.BatchUpdateException;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import org.apache.kafka.common.errors.NotEnoughReplicasException;
import org.apache.kafka.common.errors.RecordTooLargeException;
import org.apache.kafka.common.errors.TimeoutException;
import org.junit.jupiter.api.Test;
import org.lvs.contract.event.MalformedEventException;

/** Every failure is classified, by its causes, never by its message (README, failure policy). */
class FailuresTest {

    private static FailureKind kind(Throwable t) {
        return Failures.classify(t).kind();
    }

    private static SQLException sql(String state) {
        return new SQLException("a message that may quote 'Amina Example'", state);
    }

    @Test
    void databaseErrorsByTheirSqlState() {
        assertEquals(FailureKind.PERMANENT, kind(sql("22021")), "NUL in text: no retry can cure it");
        assertEquals(FailureKind.PERMANENT, kind(sql("22001")), "value too long");
        assertEquals(FailureKind.PERMANENT, kind(sql("23502")), "not-null violation");
        assertEquals(FailureKind.TRANSIENT, kind(sql("08006")), "connection failure");
        assertEquals(FailureKind.TRANSIENT, kind(sql("57P01")), "admin shutdown");
        assertEquals(FailureKind.TRANSIENT, kind(sql("57P03")), "cannot connect now");
        assertEquals(FailureKind.TRANSIENT, kind(sql("40001")), "serialization failure");
        assertEquals(FailureKind.TRANSIENT, kind(sql("40P01")), "deadlock");
        assertEquals(FailureKind.TRANSIENT, kind(sql("57014")), "statement timeout");
        assertEquals(FailureKind.TRANSIENT, kind(sql("55P03")), "lock timeout");
        assertEquals(FailureKind.TRANSIENT, kind(sql("53300")), "too many connections");
        assertEquals(FailureKind.TRANSIENT, kind(sql("25006")), "read-only database");
        assertEquals(FailureKind.UNKNOWN, kind(sql("42P01")), "undefined table: not recognised, so probed");
    }

    @Test
    void wrappedErrorsAreClassifiedByTheirCause() {
        assertEquals(FailureKind.TRANSIENT, kind(new IllegalStateException("cannot decide", sql("08003"))));
        BatchUpdateException batch = new BatchUpdateException("batch failed", null, 0, new int[0], null);
        batch.setNextException(sql("22P05"));
        assertEquals(FailureKind.PERMANENT, kind(new IllegalStateException(batch)));
        assertEquals(FailureKind.TRANSIENT, kind(new RuntimeException(new SQLTransientConnectionException("pool"))));
        assertEquals(FailureKind.TRANSIENT, kind(new RuntimeException(new SocketTimeoutException("Read timed out"))));
    }

    @Test
    void brokerErrors() {
        assertEquals(FailureKind.TRANSIENT, kind(new TimeoutException("Topic not present in metadata")));
        assertEquals(FailureKind.TRANSIENT, kind(new NotEnoughReplicasException("isr")));
        assertEquals(FailureKind.PERMANENT, kind(new RecordTooLargeException("too large")));
    }

    @Test
    void unreadableRecordsAndDomainRejectionsArePermanentWithTheirOwnSafeReason() {
        assertEquals(
                new Failure(FailureKind.PERMANENT, "unreadable record: no referralId"),
                Failures.classify(new MalformedEventException("no referralId")));
        assertEquals(
                new Failure(FailureKind.PERMANENT, "rejected: version out of range"),
                Failures.classify(new RejectedRecordException("version out of range")));
        assertEquals(FailureKind.UNKNOWN, kind(new NullPointerException()));
    }

    @Test
    void reasonsNeverQuoteMessages() {
        String reason =
                Failures.classify(new IllegalStateException("no", sql("22021"))).reason();
        assertEquals("data exception (SQLSTATE 22021)", reason);
        assertFalse(
                Failures.kinds(new IllegalStateException("Amina", sql("22021"))).contains("Amina"));
    }
}
