package org.lvs.contract.triage;

/** The service strand (specialist team) that takes a case. */
public enum Strand {
    CORE,
    DOMESTIC_ABUSE,
    SEXUAL_VIOLENCE,
    NEST,
    HATE_CRIME
}
