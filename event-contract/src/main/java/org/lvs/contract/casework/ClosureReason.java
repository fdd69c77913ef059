package org.lvs.contract.casework;

/** Why a case closed. */
public enum ClosureReason {
    SUPPORT_COMPLETED,
    DECLINED,
    UNREACHABLE,
    CONSENT_WITHDRAWN,
    DUPLICATE
}
