package org.lvs.contract.referral;

/** How a victim prefers to be contacted. */
public enum PreferredContact {
    PHONE,
    TEXT,
    EMAIL,
    LETTER
}
