package org.lvs.contract.event;

/** The event {@code type}s of every topic (interfaces.md). */
public final class EventTypes {
    // referrals.received
    public static final String REFERRAL_RECEIVED = "ReferralReceived";
    // referrals.intake
    public static final String INTAKE_RECORDED = "IntakeRecorded";
    // referrals.triaged
    public static final String REFERRAL_DECIDED = "ReferralDecided";
    // referrals.feedback
    public static final String FEEDBACK_ISSUED = "FeedbackIssued";
    // cases.events: case work
    public static final String CASE_OPENED = "CaseOpened";
    public static final String CASE_UPDATED = "CaseUpdated";
    public static final String CONTACT_RECORDED = "ContactRecorded";
    public static final String CASE_ASSIGNED = "CaseAssigned";
    public static final String SERVICE_REQUESTED = "ServiceRequested";
    public static final String SERVICE_STARTED = "ServiceStarted";
    public static final String OUTCOME_RECORDED = "OutcomeRecorded";
    public static final String CASE_CLOSED = "CaseClosed";
    // cases.erasures
    /**
     * A case's personal data was erased (sla-policy.md, erase): carries no personal data itself. Every service that
     * keeps a trace that could re-identify the victim (ingest's content hash, triage's identity hashes, source
     * references) removes it on this event.
     */
    public static final String PERSONAL_DATA_ERASED = "PersonalDataErased";
    // cases.events: the contact clock (sla-policy.md)
    public static final String SLA_STARTED = "SLA_STARTED";
    public static final String SLA_PAUSED = "SLA_PAUSED";
    public static final String SLA_RESUMED = "SLA_RESUMED";
    public static final String SLA_AT_RISK = "SLA_AT_RISK";
    public static final String SLA_BREACHED = "SLA_BREACHED";
    public static final String SLA_MET = "SLA_MET";
    public static final String SLA_MET_LATE = "SLA_MET_LATE";
    public static final String SLA_CANCELLED = "SLA_CANCELLED";

    private EventTypes() {}
}
