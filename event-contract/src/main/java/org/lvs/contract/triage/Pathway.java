package org.lvs.contract.triage;

/** The pathway within a strand (IDVA/IVA for domestic abuse, ISVA for sexual violence, ...). */
public enum Pathway {
    CORE,
    IDVA,
    IVA,
    ISVA,
    NEST,
    HATE_CRIME_PARTNER
}
