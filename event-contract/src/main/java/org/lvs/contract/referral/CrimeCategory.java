package org.lvs.contract.referral;

/** The crime a referral is about (referral-contract.md). */
public enum CrimeCategory {
    ASSAULT,
    DOMESTIC_ABUSE,
    SEXUAL_OFFENCE,
    HATE_CRIME,
    STALKING_HARASSMENT,
    BURGLARY,
    ROBBERY,
    THEFT,
    VEHICLE_CRIME,
    CRIMINAL_DAMAGE,
    FRAUD,
    BULLYING,
    ARSON_ENDANGER_LIFE,
    ATTEMPTED_MURDER,
    KIDNAP_FALSE_IMPRISONMENT,
    HUMAN_TRAFFICKING,
    TERRORISM,
    BEREAVED_BY_HOMICIDE,
    OTHER
}
