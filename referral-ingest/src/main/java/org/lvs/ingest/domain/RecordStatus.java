package org.lvs.ingest.domain;

import org.lvs.contract.event.IntakeStatus;

/** What became of one record at the edge (referral-contract.md, "What the service answers"). */
public enum RecordStatus {
    ACCEPTED,
    AMENDED,
    DUPLICATE,
    STALE,
    /** Same version again with different content: a changed record needs a higher version (409 when single). */
    CONFLICT,
    REJECTED;

    /** Whether this result publishes the version on {@code referrals.received}. */
    public boolean publishes() {
        return this == ACCEPTED || this == AMENDED;
    }

    /** The status on {@code referrals.intake}; a conflict is a rejection of the record. */
    public IntakeStatus intakeStatus() {
        return switch (this) {
            case ACCEPTED -> IntakeStatus.ACCEPTED;
            case AMENDED -> IntakeStatus.AMENDED;
            case DUPLICATE -> IntakeStatus.DUPLICATE;
            case STALE -> IntakeStatus.STALE;
            case CONFLICT, REJECTED -> IntakeStatus.REJECTED;
        };
    }
}
