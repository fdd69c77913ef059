package org.lvs.contract.casework;

/** Support given in a contact; a first call that gave support is recorded as such. */
public enum SupportType {
    IMMEDIATE_SUPPORT,
    SAFETY_PLANNING,
    SIGNPOSTING,
    CJS_INFORMATION,
    EMOTIONAL_SUPPORT,
    PRACTICAL_HELP
}
