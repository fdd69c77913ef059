package org.lvs.ingest.service;

import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.lvs.contract.FieldError;
import org.lvs.ingest.domain.RecordStatus;
import org.lvs.ingest.domain.ValidatedRecord;

/**
 * The intake ledger's verdict on one record of a request: its status, and whether it is published.
 *
 * @param publish         whether this version goes (again) to {@code referrals.received}
 * @param receivedAt      when this version was received (its first arrival when it is re-published)
 * @param firstReceivedAt when the referral's first version was received
 */
public record IntakeVerdict(
        int index,
        ValidatedRecord record,
        UUID referralId,
        RecordStatus status,
        boolean publish,
        Instant receivedAt,
        Instant firstReceivedAt,
        List<FieldError> errors) {

    public IntakeVerdict {
        errors = errors == null ? List.of() : List.copyOf(errors);
    }

    static IntakeVerdict rejected(int index, ValidatedRecord record, Instant at) {
        return new IntakeVerdict(index, record, null, RecordStatus.REJECTED, false, at, null, record.errors());
    }
}
