package org.lvs.contract.referral;

/** Who sent a referral (referral-contract.md). */
public enum Source {
    ADT,
    OFFICER_DIRECT,
    MASH,
    PARTNER,
    SELF
}
