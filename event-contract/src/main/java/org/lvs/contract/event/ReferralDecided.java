package org.lvs.contract.event;

import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.lvs.contract.casework.CaseStatus;
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
import org.lvs.contract.triage.ReasonCode;
import org.lvs.contract.triage.Strand;

/**
 * Payload of {@code ReferralDecided} on {@code referrals.triaged}: the decision (triage-policy.md) and the referral's
 * facts without personal data. Also the body of {@code GET /api/v1/triage/{referralId}}.
 *
 * <p>A decision that opens no case has {@code caseStatus}, {@code priority}, {@code strand}, {@code pathway},
 * {@code provider} and {@code slaTargetHours} null.
 *
 * <p>{@code revision} counts re-decisions of the same referral version (0 for the first): triage decides a version
 * again when something it depends on arrives late, such as an earlier referral of the same victim decided after this
 * one (the repeat-victim rule). A consumer keeps the decision with the highest {@code (version, revision)}.
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
        HowHeard howHeard,
        int revision) {

    /** The crime without its description. */
    public record CrimeFacts(CrimeCategory category, List<HateStrand> hateStrands) {
        public CrimeFacts {
            hateStrands = hateStrands == null ? List.of() : List.copyOf(hateStrands);
        }
    }

    public ReferralDecided {
        reasons = reasons == null ? List.of() : List.copyOf(reasons);
    }

    /** The first decision of a version (revision 0). */
    public ReferralDecided(
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
        this(
                referralId,
                sourceReference,
                version,
                outcome,
                caseStatus,
                dataIssue,
                priority,
                strand,
                pathway,
                provider,
                slaTargetHours,
                reasons,
                policyVersion,
                decidedAt,
                source,
                recordedAt,
                receivedAt,
                firstReceivedAt,
                area,
                crime,
                riskLevel,
                ageBand,
                gender,
                consent,
                howHeard,
                0);
    }

    /** The same decision as a given revision of its version. */
    public ReferralDecided withRevision(int newRevision) {
        return new ReferralDecided(
                referralId,
                sourceReference,
                version,
                outcome,
                caseStatus,
                dataIssue,
                priority,
                strand,
                pathway,
                provider,
                slaTargetHours,
                reasons,
                policyVersion,
                decidedAt,
                source,
                recordedAt,
                receivedAt,
                firstReceivedAt,
                area,
                crime,
                riskLevel,
                ageBand,
                gender,
                consent,
                howHeard,
                newRevision);
    }

    /** True when this decision replaces {@code other}: a higher version, or the same version re-decided. */
    public boolean supersedes(int otherVersion, int otherRevision) {
        return version > otherVersion || (version == otherVersion && revision > otherRevision);
    }

    public boolean opensCase() {
        return outcome == DecisionOutcome.CASE_OPENED;
    }

    public boolean hasReason(ReasonCode code) {
        return reasons.stream().anyMatch(r -> r.code() == code);
    }

    public static UUID eventId(UUID referralId, int version) {
        return EventIds.of(referralId, version, EventTypes.REFERRAL_DECIDED);
    }

    /** Revision 0 keeps the id of the first decision of a version; a re-decision gets its own. */
    public static UUID eventId(UUID referralId, int version, int revision) {
        return revision == 0
                ? eventId(referralId, version)
                : EventIds.of(referralId, version, "r" + revision, EventTypes.REFERRAL_DECIDED);
    }

    /** {@code occurredAt} is the version's {@code receivedAt}: for replayed history the decision happened then. */
    public EventEnvelope toEnvelope() {
        return EventEnvelope.of(eventId(referralId, version, revision), EventTypes.REFERRAL_DECIDED, receivedAt, this);
    }

    /** The same event as {@link #toEnvelope()}, written as text without its tree (for producers). */
    public EventText toText() {
        return EventText.of(eventId(referralId, version, revision), EventTypes.REFERRAL_DECIDED, receivedAt, this);
    }
}
