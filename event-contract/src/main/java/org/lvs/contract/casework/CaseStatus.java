package org.lvs.contract.casework;

/** Status of a case (sla-policy.md). */
public enum CaseStatus {
    SCREENING,
    AWAITING_CONSENT,
    AWAITING_INFORMATION,
    OPEN,
    CLOSED
}
