package org.lvs.contract.triage;

/** The three data-recording problems of the seeds, fed back to the police. */
public enum DataIssue {
    NO_DATA,
    INSUFFICIENT_DATA,
    NO_CONSENT
}
