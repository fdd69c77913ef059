package org.lvs.ingest.persistence;

import java.time.Instant;
import java.util.List;
import org.lvs.contract.FieldError;

/**
 * A rejected record of a source, as the rejections feed lists it: validated values only (a sourceReference, batchId
 * or feedSequence that was not valid is null), errors as field names and our own messages.
 *
 * @param position assigned when stored, in commit order per source; 0 before
 */
public record RejectionRow(
        long position,
        String source,
        String batchId,
        int index,
        String sourceReference,
        Long feedSequence,
        List<FieldError> errors,
        Instant receivedAt) {

    public RejectionRow(
            String source,
            String batchId,
            int index,
            String sourceReference,
            Long feedSequence,
            List<FieldError> errors,
            Instant receivedAt) {
        this(0, source, batchId, index, sourceReference, feedSequence, errors, receivedAt);
    }
}
