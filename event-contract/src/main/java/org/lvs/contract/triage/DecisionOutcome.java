package org.lvs.contract.triage;

/** What triage decided for a referral version. */
public enum DecisionOutcome {
    CASE_OPENED,
    DECLINED_NO_CONSENT,
    DATA_ISSUE
}
