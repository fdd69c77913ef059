package org.lvs.contract.referral;

/** DASH risk grading of domestic abuse. */
public enum RiskLevel {
    HIGH,
    MEDIUM,
    STANDARD
}
