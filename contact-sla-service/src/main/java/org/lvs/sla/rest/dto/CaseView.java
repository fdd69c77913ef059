package org.lvs.sla.rest.dto;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.lvs.contract.casework.CaseStatus;
import org.lvs.contract.casework.ClockState;
import org.lvs.contract.casework.ClosureReason;
import org.lvs.contract.referral.CrimeCategory;
import org.lvs.contract.referral.HateStrand;
import org.lvs.contract.referral.RiskLevel;
import org.lvs.contract.referral.Source;
import org.lvs.contract.referral.Vulnerability;
import org.lvs.contract.triage.Pathway;
import org.lvs.contract.triage.Priority;
import org.lvs.contract.triage.Reason;
import org.lvs.contract.triage.Strand;

/** A case as {@code GET /api/v1/cases/{referralId}} shows it (and every action answers with). */
public record CaseView(
        UUID referralId,
        int version,
        int revision,
        Source source,
        CaseStatus status,
        Priority priority,
        Strand strand,
        Pathway pathway,
        String provider,
        String area,
        RiskLevel riskLevel,
        boolean screened,
        boolean consentConfirmed,
        String worker,
        Integer capacity,
        Instant openedAt,
        Instant closedAt,
        ClosureReason closureReason,
        boolean personalDataErased,
        Context context,
        Victim victim,
        int attempts,
        int contactsMade,
        List<Contact> contacts,
        Clock clock,
        List<Service> services,
        Map<String, Outcome> outcomes) {

    /**
     * What a handler needs to know before contact: the crime, the victim's vulnerabilities and age band, whether
     * contact is unsafe and why ({@code screeningReason}: the referral's safeguarding reason for consented victims,
     * else the decision's), the risk level and the decision's reasons. {@code safeguardingReason} is personal data,
     * gone after erasure.
     */
    public record Context(
            CrimeCategory crimeCategory,
            List<HateStrand> hateStrands,
            List<Vulnerability> vulnerabilities,
            boolean unsafeToContact,
            String screeningReason,
            String safeguardingReason,
            RiskLevel riskLevel,
            String ageBand,
            List<Reason> decisionReasons) {}

    /** The victim's identity and contact details: only for consented victims, gone after erasure. */
    public record Victim(
            String personRef,
            String firstName,
            String lastName,
            String phone,
            String email,
            Address address,
            String preferredContact) {}

    public record Address(String line1, String line2, String town, String postcode) {}

    public record Contact(
            long id,
            Instant at,
            String channel,
            String outcome,
            boolean contactMade,
            List<String> supportTypes,
            String handler,
            String note,
            String recordedBy) {}

    /** The contact clock; hours rounded to 0.01. */
    public record Clock(
            ClockState clockState,
            Instant startedAt,
            Instant dueAt,
            Instant atRiskAt,
            int targetHours,
            Double hoursRemaining,
            Double hoursOverdue,
            long pausedSeconds,
            boolean paused,
            Instant breachedAt,
            Instant firstContactAt) {}

    public record Service(String service, Instant requestedAt, Instant startedAt, Double waitingHours) {}

    public record Outcome(Instant at, Map<String, Integer> scores, String recordedBy) {}
}
