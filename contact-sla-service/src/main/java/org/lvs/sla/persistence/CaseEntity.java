package org.lvs.sla.persistence;

import com.fasterxml.jackson.core.JsonProcessingException;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;
import org.lvs.contract.casework.CaseStatus;
import org.lvs.contract.casework.ClockState;
import org.lvs.contract.casework.ClosureReason;
import org.lvs.contract.event.EventJson;
import org.lvs.contract.referral.Consent;
import org.lvs.contract.referral.CrimeCategory;
import org.lvs.contract.referral.RiskLevel;
import org.lvs.contract.referral.Source;
import org.lvs.contract.triage.DataIssue;
import org.lvs.contract.triage.Pathway;
import org.lvs.contract.triage.Priority;
import org.lvs.contract.triage.Strand;
import org.lvs.sla.domain.ClockHistory;
import org.lvs.sla.domain.ContactClock;
import org.lvs.sla.domain.WorkingTime;

/** A case and its contact clock; no personal data here (see {@link PersonEntity}, {@link NoteEntity}). */
@Entity
@Table(name = "sla_case")
public class CaseEntity {

    @Id
    @Column(name = "referral_id")
    public UUID referralId;
    /** The case's event counter: every event it emits takes the next number, so event ids are deterministic. */
    public long sequence;

    @Column(name = "decision_version")
    public int decisionVersion;

    @Column(name = "decision_revision")
    public int decisionRevision;

    @Enumerated(EnumType.STRING)
    public Source source;

    @Column(name = "source_reference")
    public String sourceReference;

    @Enumerated(EnumType.STRING)
    public CaseStatus status;
    /** The status the latest decision prescribed (before human steps): tells an amendment that newly sets unsafe. */
    @Enumerated(EnumType.STRING)
    @Column(name = "decision_status")
    public CaseStatus decisionStatus;

    @Enumerated(EnumType.STRING)
    public Consent consent;

    @Enumerated(EnumType.STRING)
    @Column(name = "data_issue")
    public DataIssue dataIssue;

    @Enumerated(EnumType.STRING)
    public Priority priority;

    @Enumerated(EnumType.STRING)
    public Strand strand;

    @Enumerated(EnumType.STRING)
    public Pathway pathway;

    public String provider;
    public String area;

    @Enumerated(EnumType.STRING)
    @Column(name = "risk_level")
    public RiskLevel riskLevel;

    @Enumerated(EnumType.STRING)
    @Column(name = "crime_category")
    public CrimeCategory crimeCategory;
    /** Comma-separated {@code HateStrand} names, in the referral's order. */
    @Column(name = "hate_strands")
    public String hateStrands;

    @Column(name = "age_band")
    public String ageBand;
    /** Comma-separated {@code Vulnerability} names the decision names (its PRIORITY_* reasons). */
    public String vulnerabilities;

    @Column(name = "unsafe_to_contact")
    public boolean unsafeToContact;
    /** The decision's reasons as JSON ({@code [{code, detail}]}): no personal data. */
    @Column(name = "decision_reasons")
    public String decisionReasons;

    @Column(name = "pathway_regraded")
    public boolean pathwayRegraded;

    public boolean screened;

    @Column(name = "consent_confirmed")
    public boolean consentConfirmed;

    public String worker;

    @Column(name = "assigned_at")
    public Instant assignedAt;

    @Column(name = "opened_at")
    public Instant openedAt;

    @Column(name = "closed_at")
    public Instant closedAt;

    @Enumerated(EnumType.STRING)
    @Column(name = "closure_reason")
    public ClosureReason closureReason;

    public int attempts;

    @Column(name = "contacts_made")
    public int contactsMade;

    @Column(name = "last_contact_at")
    public Instant lastContactAt;

    @Column(name = "personal_data_erased")
    public boolean personalDataErased;

    @Enumerated(EnumType.STRING)
    @Column(name = "clock_state")
    public ClockState clockState;

    @Column(name = "started_at")
    public Instant startedAt;

    @Column(name = "target_hours")
    public int targetHours;

    @Column(name = "paused_seconds")
    public long pausedSeconds;

    @Column(name = "paused_since")
    public Instant pausedSince;

    @Column(name = "due_at")
    public Instant dueAt;

    @Column(name = "at_risk_at")
    public Instant atRiskAt;

    @Column(name = "at_risk_flagged")
    public boolean atRiskFlagged;

    @Column(name = "breach_flagged")
    public boolean breachFlagged;

    @Column(name = "breached_at")
    public Instant breachedAt;

    @Column(name = "first_contact_at")
    public Instant firstContactAt;

    @Column(name = "next_check_at")
    public Instant nextCheckAt;
    /** The clock's inputs, published events and judged time as JSON ({@link ClockHistory}); null for older cases. */
    @Column(name = "clock_history")
    public String clockHistory;

    public ContactClock clock(WorkingTime time) {
        return ContactClock.restore(
                time,
                new ContactClock.Snapshot(
                        startedAt,
                        targetHours,
                        pausedSeconds,
                        pausedSince,
                        dueAt,
                        atRiskAt,
                        clockState,
                        atRiskFlagged,
                        breachFlagged,
                        firstContactAt));
    }

    /** The stored history, or null for a clock stored before histories were kept. */
    public ClockHistory.State clockHistory() {
        if (clockHistory == null) {
            return null;
        }
        try {
            return EventJson.mapper().readValue(clockHistory, ClockHistory.State.class);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("unreadable clock history of case " + referralId, e);
        }
    }

    /** Stores a folded clock, its history and when the detector must look next. */
    public void store(ContactClock clock, ClockHistory.State history, Instant nextCheck) {
        store(clock);
        clockHistory = EventJson.write(history);
        nextCheckAt = nextCheck;
    }

    public void store(ContactClock clock) {
        ContactClock.Snapshot s = clock.snapshot();
        startedAt = s.startedAt();
        targetHours = s.targetHours();
        pausedSeconds = s.pausedSeconds();
        pausedSince = s.pausedSince();
        dueAt = s.dueAt();
        atRiskAt = s.atRiskAt();
        clockState = s.state();
        atRiskFlagged = s.atRiskFlagged();
        breachFlagged = s.breachFlagged();
        breachedAt = s.breachFlagged() ? s.dueAt() : null;
        firstContactAt = s.firstContactAt();
        nextCheckAt = clock.nextCheckAt();
    }

    public boolean isClosed() {
        return status == CaseStatus.CLOSED;
    }
}
