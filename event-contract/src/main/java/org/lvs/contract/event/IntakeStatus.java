package org.lvs.contract.event;

/** The result of one record at the ingest edge (referral-contract.md, "What the service answers"). */
public enum IntakeStatus {
    ACCEPTED,
    AMENDED,
    DUPLICATE,
    STALE,
    REJECTED
}
