package org.lvs.ingest.service;

import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.lvs.contract.FieldError;
import org.lvs.ingest.domain.RecordStatus;
import org.lvs.ingest.domain.ValidatedRecord;

/**
 * What the ledger decided for one record of a request.
 *
 * @param publish         whether this version goes (again) to {@code referrals.received}
 * @param receivedAt      when this version was received (its first arrival when it is re-published)
 * @param firstReceivedAt when the referral's first version was received
 */
public record Decision(
        int index,
        ValidatedRecord record,
        UUID referralId,
        RecordStatus status,
        boolean publish,
        Instant receivedAt,
        Instant firstReceivedAt,
        List<FieldError> errors) {

    public Decision {
        errors = errors == null ? List.of() : List.copyOf(errors);
    }

    static Decision rejected(int index, ValidatedRecord record, Instant at) {
        return new Decision(index, record, null, RecordStatus.REJECTED, false, at, null, record.errors());
    }
}
