package org.lvs.contract.triage;

/** Victims' Code priority. */
public enum Priority {
    PRIORITY,
    STANDARD
}
