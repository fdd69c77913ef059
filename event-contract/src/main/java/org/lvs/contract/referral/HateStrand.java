package org.lvs.contract.referral;

/** The hostility a hate crime is recorded under (not a service strand). */
public enum HateStrand {
    RACE,
    RELIGION,
    DISABILITY,
    SEXUAL_ORIENTATION,
    TRANSGENDER,
    OTHER
}
