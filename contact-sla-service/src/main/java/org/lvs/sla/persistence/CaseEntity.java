package org.lvs.sla.persistence;

import com.fasterxml.jackson.core.JsonProcessingException;
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
    public UUID referralId;
    /** The case's event counter: every event it emits takes the next number, so event ids are deterministic. */
    public long sequence;

    public int decisionVersion;

    public int decisionRevision;

    @Enumerated(EnumType.STRING)
    public Source source;

    public String sourceReference;

    @Enumerated(EnumType.STRING)
    public CaseStatus status;
    /** The status the latest decision prescribed (before human steps): tells an amendment that newly sets unsafe. */
    @Enumerated(EnumType.STRING)
    public CaseStatus decisionStatus;

    @Enumerated(EnumType.STRING)
    public Consent consent;

    @Enumerated(EnumType.STRING)
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
    public RiskLevel riskLevel;

    @Enumerated(EnumType.STRING)
    public CrimeCategory crimeCategory;
    /** Comma-separated {@code HateStrand} names, in the referral's order. */
    public String hateStrands;

    public String ageBand;
    /** Comma-separated {@code Vulnerability} names the decision names (its PRIORITY_* reasons). */
    public String vulnerabilities;

    public boolean unsafeToContact;
    /** The decision's reasons as JSON ({@code [{code, detail}]}): no personal data. */
    public String decisionReasons;

    public boolean pathwayRegraded;

    public boolean screened;

    public boolean consentConfirmed;

    public String worker;

    public Instant assignedAt;

    public Instant openedAt;

    public Instant closedAt;

    @Enumerated(EnumType.STRING)
    public ClosureReason closureReason;

    public int attempts;

    public int contactsMade;
    /** Onward service requests the case has (case_service rows): its view reads them only when there are some. */
    public int servicesRequested;
    /** Outcome stages the case has scores for (case_outcome rows): its view reads them only when there are some. */
    public int outcomeStages;

    public Instant lastContactAt;

    public boolean personalDataErased;

    @Enumerated(EnumType.STRING)
    public ClockState clockState;

    public Instant startedAt;

    public int targetHours;

    public long pausedSeconds;

    public Instant pausedSince;

    public Instant dueAt;

    public Instant atRiskAt;

    public boolean atRiskFlagged;

    public boolean breachFlagged;

    public Instant breachedAt;

    public Instant firstContactAt;

    public Instant nextCheckAt;
    /** The clock's inputs, published events and judged time as JSON ({@link ClockHistory}); null for older cases. */
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
