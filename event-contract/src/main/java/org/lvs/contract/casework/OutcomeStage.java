package org.lvs.contract.casework;

/** When STAR-style outcome scores were recorded. */
public enum OutcomeStage {
    START,
    END
}
