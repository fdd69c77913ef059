package org.lvs.contract.event;

import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.lvs.contract.referral.AgeBand;
import org.lvs.contract.referral.Consent;
import org.lvs.contract.referral.CrimeCategory;
import org.lvs.contract.referral.Gender;
import org.lvs.contract.referral.HateStrand;
import org.lvs.contract.referral.HowHeard;
import org.lvs.contract.referral.RiskLevel;
import org.lvs.contract.referral.Source;
import org.lvs.contract.triage.DataIssue;
import org.lvs.contract.triage.DecisionOutcome;
import org.lvs.contract.triage.Pathway;
import org.lvs.contract.triage.Priority;
import org.lvs.contract.triage.Reason;
import org.lvs.contract.triage.Strand;
import org.lvs.contract.casework.CaseStatus;

/**
 * Payload of {@code ReferralDecided} on {@code referrals.triaged}: the decision (triage-policy.md) and the referral's
 * facts without personal data. Also the body of {@code GET /api/v1/triage/{referralId}}.
 *
 * <p>A decision that opens no case has {@code caseStatus}, {@code priority}, {@code strand}, {@code pathway},
 * {@code provider} and {@code slaTargetHours} null.
 */
public record ReferralDecided(
        // the decision
        UUID referralId,
        String sourceReference,
        int version,
        DecisionOutcome outcome,
        CaseStatus caseStatus,
        DataIssue dataIssue,
        Priority priority,
        Strand strand,
        Pathway pathway,
        String provider,
        Integer slaTargetHours,
        List<Reason> reasons,
        String policyVersion,
        Instant decidedAt,
        // the referral's facts
        Source source,
        Instant recordedAt,
        Instant receivedAt,
        Instant firstReceivedAt,
        String area,
        CrimeFacts crime,
        RiskLevel riskLevel,
        AgeBand ageBand,
        Gender gender,
        Consent consent,
        HowHeard howHeard) {

    /** The crime without its description. */
    public record CrimeFacts(CrimeCategory category, List<HateStrand> hateStrands) {
        public CrimeFacts {
            hateStrands = hateStrands == null ? List.of() : List.copyOf(hateStrands);
        }
    }

    public ReferralDecided {
        reasons = reasons == null ? List.of() : List.copyOf(reasons);
    }

    public boolean opensCase() {
        return outcome == DecisionOutcome.CASE_OPENED;
    }

    public boolean hasReason(org.lvs.contract.triage.ReasonCode code) {
        return reasons.stream().anyMatch(r -> r.code() == code);
    }

    public static UUID eventId(UUID referralId, int version) {
        return EventIds.of(referralId, version, EventTypes.REFERRAL_DECIDED);
    }

    /** {@code occurredAt} is the version's {@code receivedAt}: for replayed history the decision happened then. */
    public EventEnvelope toEnvelope() {
        return EventEnvelope.of(eventId(referralId, version), EventTypes.REFERRAL_DECIDED, receivedAt, this);
    }
}
