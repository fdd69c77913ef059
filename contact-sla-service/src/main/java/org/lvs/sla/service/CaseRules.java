package org.lvs.sla.service;

import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import org.lvs.contract.casework.CaseStatus;
import org.lvs.contract.casework.ClosureReason;
import org.lvs.contract.referral.Consent;
import org.lvs.contract.triage.DataIssue;
import org.lvs.contract.triage.Pathway;
import org.lvs.contract.triage.Priority;
import org.lvs.contract.triage.Strand;
import org.lvs.sla.config.SlaConfig;
import org.lvs.sla.persistence.CaseEntity;

/** The case-status rules of sla-policy.md that decisions and handlers' actions share. */
@ApplicationScoped
public class CaseRules {

    private final SlaConfig config;

    CaseRules(SlaConfig config) {
        this.config = config;
    }

    /**
     * The status the latest decision prescribes after the human steps taken so far: a screened case stays screened,
     * confirmed consent stays confirmed.
     */
    public CaseStatus derivedStatus(CaseEntity c) {
        if (c.decisionStatus == CaseStatus.SCREENING && !c.screened) {
            return CaseStatus.SCREENING;
        }
        boolean consentImplied =
                c.consent != null ? c.consent == Consent.IMPLIED : c.decisionStatus == CaseStatus.AWAITING_CONSENT;
        if (consentImplied && !c.consentConfirmed) {
            return CaseStatus.AWAITING_CONSENT;
        }
        if (c.dataIssue == DataIssue.INSUFFICIENT_DATA
                || c.dataIssue == DataIssue.NO_DATA
                || c.decisionStatus == CaseStatus.AWAITING_INFORMATION) {
            return CaseStatus.AWAITING_INFORMATION;
        }
        return CaseStatus.OPEN;
    }

    public boolean pausing(CaseStatus status) {
        return config.pausingStatuses().contains(status);
    }

    /** Moves the case to a status; the clock pauses or resumes when the status starts or stops being a pausing one. */
    void moveTo(CaseEntity c, CaseClock clock, CaseStatus status, Instant at) {
        CaseStatus old = c.status;
        c.status = status;
        if (pausing(status) && !pausing(old)) {
            clock.pause(at);
        } else if (!pausing(status) && pausing(old)) {
            clock.resume(at);
        }
    }

    /**
     * Closes the case. CONSENT_WITHDRAWN and DUPLICATE cancel an uncontacted clock (also after a breach); any other
     * reason leaves an uncontacted clock to breach at due.
     */
    void close(CaseEntity c, CaseClock clock, ClosureReason reason, Instant at) {
        clock.judge(at);
        moveTo(c, clock, CaseStatus.CLOSED, at);
        c.closureReason = reason;
        c.closedAt = at;
        if (reason == ClosureReason.CONSENT_WITHDRAWN || reason == ClosureReason.DUPLICATE) {
            clock.cancel(at);
        }
    }

    public int defaultTarget(Priority priority) {
        return priority == Priority.PRIORITY ? config.priorityTargetHours() : config.standardTargetHours();
    }

    /** The strand a pathway belongs to (a regrade may move a case between strands). */
    public static Strand strandOf(Pathway pathway) {
        return switch (pathway) {
            case CORE -> Strand.CORE;
            case IDVA, IVA -> Strand.DOMESTIC_ABUSE;
            case ISVA -> Strand.SEXUAL_VIOLENCE;
            case NEST -> Strand.NEST;
            case HATE_CRIME_PARTNER -> Strand.HATE_CRIME;
        };
    }
}
