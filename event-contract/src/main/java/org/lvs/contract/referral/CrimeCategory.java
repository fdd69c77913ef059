package org.lvs.contract.referral;

import java.util.EnumSet;
import java.util.Set;

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
    OTHER;

    /**
     * The categories triage-policy.md (4, Priority) names as the most serious crimes by default: the triage service's
     * default setting and the demo generator's prediction of it read this one list.
     */
    public static Set<CrimeCategory> mostSeriousByDefault() {
        return EnumSet.of(
                DOMESTIC_ABUSE,
                SEXUAL_OFFENCE,
                HATE_CRIME,
                TERRORISM,
                BEREAVED_BY_HOMICIDE,
                ATTEMPTED_MURDER,
                HUMAN_TRAFFICKING,
                KIDNAP_FALSE_IMPRISONMENT,
                ARSON_ENDANGER_LIFE);
    }
}
