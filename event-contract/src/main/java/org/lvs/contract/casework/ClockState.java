package org.lvs.contract.casework;

/** State of a case's contact clock (sla-policy.md). */
public enum ClockState {
    RUNNING,
    AT_RISK,
    BREACHED,
    PAUSED,
    MET,
    MET_LATE,
    CANCELLED
}
