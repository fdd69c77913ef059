package org.lvs.ingest.service;

import java.util.List;
import java.util.UUID;
import org.lvs.contract.FieldError;
import org.lvs.ingest.domain.RecordStatus;

/** The answer for one record, in the order the records came. */
public record RecordResult(
        int index, String sourceReference, UUID referralId, RecordStatus status, List<FieldError> errors) {

    public static RecordResult of(IntakeVerdict d) {
        return new RecordResult(d.index(), d.record().sourceReference(), d.referralId(), d.status(), d.errors());
    }
}
