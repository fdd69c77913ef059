package org.lvs.contract.triage;

/** One rule that produced a decision, with a detail naming what matched (e.g. the crime category). */
public record Reason(ReasonCode code, String detail) {}
