package org.lvs.contract.referral;

/** Whether the victim agreed to their details being passed on. */
public enum Consent {
    EXPLICIT,
    IMPLIED,
    REFUSED,
    NOT_RECORDED;

    /** Without consent the victim's personal data must not pass the ingest edge (referral-contract.md). */
    public boolean allowsPersonalData() {
        return this == EXPLICIT || this == IMPLIED;
    }
}
