package org.lvs.contract.referral;

/** A victim's gender as recorded. */
public enum Gender {
    FEMALE,
    MALE,
    NON_BINARY,
    UNKNOWN
}
