package org.lvs.commons.failure;

/**
 * A domain rejection: the record is readable but can never be applied (an unknown event type, a version out of
 * range). Permanent. The message must be safe to put in a dead letter's headers: field names, never values.
 */
public class RejectedRecordException extends RuntimeException {
    public RejectedRecordException(String safeReason) {
        super(safeReason);
    }
}
