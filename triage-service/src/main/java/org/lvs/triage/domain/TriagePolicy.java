package org.lvs.triage.domain;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.lvs.contract.casework.CaseStatus;
import org.lvs.contract.event.ReferralDecided;
import org.lvs.contract.event.ReferralReceived;
import org.lvs.contract.referral.AgeBand;
import org.lvs.contract.referral.Consent;
import org.lvs.contract.referral.CrimeCategory;
import org.lvs.contract.referral.HateStrand;
import org.lvs.contract.referral.RiskLevel;
import org.lvs.contract.referral.Victim;
import org.lvs.contract.referral.Vulnerability;
import org.lvs.contract.triage.DataIssue;
import org.lvs.contract.triage.DecisionOutcome;
import org.lvs.contract.triage.Pathway;
import org.lvs.contract.triage.Priority;
import org.lvs.contract.triage.Reason;
import org.lvs.contract.triage.ReasonCode;
import org.lvs.contract.triage.Strand;

/**
 * The triage policy (triage-policy.md) as a pure, deterministic function: the same referral version, the same earlier
 * referrals of its victim and the same settings always give the same decision. Reasons are listed in the order of the
 * spec's sections: consent, data, status, priority, routing.
 */
public final class TriagePolicy {

    /** Reason detail of a victim detected as persistently targeted from their earlier referrals. */
    public static final String REPEAT_VICTIM_DETECTED = "REPEAT_VICTIM_DETECTED";

    private TriagePolicy() {}

    /**
     * Decides one referral version.
     *
     * @param received the version as read from {@code referrals.received}
     * @param earlier  referrals triage decided before whose victim identity matched this one's; the policy itself
     *                 keeps only those of other referrals recorded within the repeat window
     * @param settings the policy configuration
     * @param decidedAt when the decision is made (from the injected clock)
     */
    public static Decision decide(
            ReferralReceived received, List<EarlierReferral> earlier, PolicySettings settings, Instant decidedAt) {
        return decide(PolicyInput.of(received), earlier, settings, decidedAt);
    }

    /** Decides one referral version from its facts; the same facts give the same decision as the referral itself. */
    public static Decision decide(
            PolicyInput input, List<EarlierReferral> earlier, PolicySettings settings, Instant decidedAt) {
        List<Reason> reasons = new ArrayList<>();
        DecisionBuilder decision = new DecisionBuilder();

        // 1. Consent gates everything: without it no personal data arrived, so nothing else can be judged.
        Consent consent = input.consent();
        switch (consent) {
            case REFUSED -> {
                reasons.add(new Reason(ReasonCode.CONSENT_REFUSED, "consent refused"));
                return decision.declined(DecisionOutcome.DECLINED_NO_CONSENT, DataIssue.NO_CONSENT)
                        .build(input, reasons, settings, decidedAt, List.of("consent"));
            }
            case NOT_RECORDED -> {
                reasons.add(new Reason(ReasonCode.CONSENT_NOT_RECORDED, "consent not recorded"));
                return decision.declined(DecisionOutcome.DECLINED_NO_CONSENT, DataIssue.NO_CONSENT)
                        .build(input, reasons, settings, decidedAt, List.of("consent"));
            }
            case IMPLIED ->
                reasons.add(new Reason(ReasonCode.CONSENT_IMPLIED, "consent implied; case waits for consent"));
            case EXPLICIT -> reasons.add(new Reason(ReasonCode.CONSENT_EXPLICIT, "consent explicit"));
        }

        // 2. Data quality.
        boolean hasName = input.hasName();
        boolean hasChannel = input.hasContactChannel();
        DataIssue dataIssue = null;
        List<String> missing = new ArrayList<>();
        if (!hasName && !hasChannel) {
            reasons.add(new Reason(
                    ReasonCode.NO_DATA,
                    input.victimPresent() ? "victim has neither a name nor a contact channel" : "no victim"));
            missing.addAll(input.victimPresent() ? missingDataFields() : List.of("victim"));
            return decision.declined(DecisionOutcome.DATA_ISSUE, DataIssue.NO_DATA)
                    .build(input, reasons, settings, decidedAt, missing);
        }
        if (!hasChannel) {
            dataIssue = DataIssue.INSUFFICIENT_DATA;
            reasons.add(new Reason(
                    ReasonCode.INSUFFICIENT_NO_CONTACT_CHANNEL,
                    "no valid phone, valid email or address with line1 and postcode"));
            missing.addAll(missingChannelFields());
        } else if (!hasName) {
            dataIssue = DataIssue.INSUFFICIENT_DATA;
            reasons.add(new Reason(ReasonCode.INSUFFICIENT_NO_NAME, "neither firstName nor lastName"));
            missing.addAll(missingNameFields());
        }

        // 3. Case status: the first that applies.
        CaseStatus status;
        if (input.unsafeToContact()) {
            status = CaseStatus.SCREENING;
            reasons.add(new Reason(ReasonCode.UNSAFE_TO_CONTACT, "unsafe to contact; a coordinator screens first"));
        } else if (consent == Consent.IMPLIED) {
            status = CaseStatus.AWAITING_CONSENT;
        } else if (dataIssue == DataIssue.INSUFFICIENT_DATA) {
            status = CaseStatus.AWAITING_INFORMATION;
        } else {
            status = CaseStatus.OPEN;
        }

        // 4. Priority: every rule that holds adds its reason.
        CrimeCategory category = input.category();
        boolean under18 = input.under18();
        List<Reason> priorityReasons = new ArrayList<>();
        if (under18) {
            priorityReasons.add(new Reason(ReasonCode.PRIORITY_UNDER_18, "under 18 at recordedAt"));
        }
        if (category != null && settings.mostSeriousCrimes().contains(category)) {
            priorityReasons.add(new Reason(ReasonCode.PRIORITY_MOST_SERIOUS_CRIME, category.name()));
        }
        List<String> vulnerabilities = input.vulnerabilities().stream()
                .filter(v -> v != Vulnerability.REPEAT_VICTIM)
                .map(Enum::name)
                .distinct()
                .toList();
        if (!vulnerabilities.isEmpty()) {
            priorityReasons.add(new Reason(ReasonCode.PRIORITY_VULNERABLE, String.join(",", vulnerabilities)));
        }
        boolean flaggedRepeat = input.vulnerabilities().contains(Vulnerability.REPEAT_VICTIM);
        boolean detectedRepeat = countEarlierInWindow(input, earlier, settings) >= settings.repeatCount();
        if (flaggedRepeat || detectedRepeat) {
            priorityReasons.add(new Reason(
                    ReasonCode.PRIORITY_PERSISTENTLY_TARGETED,
                    detectedRepeat ? REPEAT_VICTIM_DETECTED : Vulnerability.REPEAT_VICTIM.name()));
        }
        Priority priority = priorityReasons.isEmpty() ? Priority.STANDARD : Priority.PRIORITY;
        reasons.addAll(priorityReasons);
        if (priority == Priority.STANDARD) {
            reasons.add(new Reason(ReasonCode.STANDARD, "no priority rule applies"));
        }

        // 5. Routing: the first that applies.
        Route route = route(under18, category, input.firstHateStrand(), input.riskLevel(), settings, reasons);
        int target = priority == Priority.PRIORITY ? settings.priorityTargetHours() : settings.standardTargetHours();

        decision.outcome = DecisionOutcome.CASE_OPENED;
        decision.dataIssue = dataIssue;
        decision.caseStatus = status;
        decision.priority = priority;
        decision.strand = route.strand;
        decision.pathway = route.pathway;
        decision.provider = route.provider;
        decision.slaTargetHours = target;
        return decision.build(input, reasons, settings, decidedAt, missing);
    }

    /**
     * Decides a referral version again because an earlier referral of its victim became known after it was decided
     * (triage-policy.md, sections 4 and 7): the decision it would have had if the referrals had arrived in the order
     * they were recorded. A re-decision only ever adds the detected repeat: the earlier referrals known now are those
     * known then plus the late ones, unless some were erased or aged out since, and neither may change a decision.
     *
     * @param current the version's current decision ({@code input} is that version's facts)
     * @return the re-decision as {@code current}'s revision + 1, or empty when the decision does not change
     */
    public static Optional<Decision> redecide(
            PolicyInput input,
            List<EarlierReferral> earlier,
            ReferralDecided current,
            PolicySettings settings,
            Instant decidedAt) {
        if (input.version() != current.version() || detectsRepeat(current)) {
            return Optional.empty();
        }
        Decision made = decide(input, earlier, settings, decidedAt);
        if (!detectsRepeat(made.decided())) {
            return Optional.empty();
        }
        return Optional.of(new Decision(made.decided().withRevision(current.revision() + 1), made.missingFields()));
    }

    /** The decision counted at least the configured number of other referrals of the victim. */
    public static boolean detectsRepeat(ReferralDecided decided) {
        return decided.reasons().stream()
                .anyMatch(r -> r.code() == ReasonCode.PRIORITY_PERSISTENTLY_TARGETED
                        && REPEAT_VICTIM_DETECTED.equals(r.detail()));
    }

    /** Under 18 at {@code recordedAt}: from dateOfBirth (Europe/London date) when given, else age. */
    public static boolean isUnder18(Victim victim, Instant recordedAt) {
        if (victim == null) {
            return false;
        }
        Integer age = AgeBand.ageAt(victim.dateOfBirth(), victim.age(), recordedAt);
        if (age == null) {
            // Neither date of birth nor age: the age band is all that may have been recorded.
            return victim.ageBand() == AgeBand.UNDER_18;
        }
        return age < 18;
    }

    /**
     * Distinct other referrals (other source references) of the same victim recorded within
     * ({@code recordedAt} − window, {@code recordedAt}].
     */
    public static int countEarlierInWindow(PolicyInput input, List<EarlierReferral> earlier, PolicySettings settings) {
        Instant upper = input.recordedAt();
        Instant lower = upper.minus(settings.repeatWindow());
        Set<Object> distinct = new HashSet<>();
        for (EarlierReferral other : earlier) {
            boolean sameReferral = other.referralId().equals(input.referralId())
                    || Objects.equals(other.sourceReference(), input.sourceReference());
            boolean inWindow =
                    other.recordedAt().isAfter(lower) && !other.recordedAt().isAfter(upper);
            if (!sameReferral && inWindow) {
                distinct.add(other.referralId());
            }
        }
        return distinct.size();
    }

    private static Route route(
            boolean under18,
            CrimeCategory category,
            HateStrand firstHateStrand,
            RiskLevel risk,
            PolicySettings settings,
            List<Reason> reasons) {
        if (under18) {
            reasons.add(new Reason(ReasonCode.ROUTE_UNDER_18, "under 18"));
            return new Route(Strand.NEST, Pathway.NEST, null);
        }
        if (category == CrimeCategory.SEXUAL_OFFENCE) {
            reasons.add(new Reason(ReasonCode.ROUTE_SEXUAL_VIOLENCE, category.name()));
            return new Route(Strand.SEXUAL_VIOLENCE, Pathway.ISVA, null);
        }
        if (category == CrimeCategory.DOMESTIC_ABUSE) {
            if (risk == RiskLevel.HIGH || risk == RiskLevel.MEDIUM) {
                reasons.add(new Reason(ReasonCode.ROUTE_DA_HIGH_MEDIUM_RISK, risk.name()));
                return new Route(Strand.DOMESTIC_ABUSE, Pathway.IDVA, null);
            }
            if (risk == null) {
                reasons.add(new Reason(ReasonCode.ROUTE_DA_STANDARD_RISK, "risk not graded"));
                reasons.add(new Reason(ReasonCode.DA_RISK_NOT_GRADED, "riskLevel absent"));
            } else {
                reasons.add(new Reason(ReasonCode.ROUTE_DA_STANDARD_RISK, risk.name()));
            }
            return new Route(Strand.DOMESTIC_ABUSE, Pathway.IVA, null);
        }
        if (category == CrimeCategory.HATE_CRIME) {
            String provider = settings.hateCrimeProvider(firstHateStrand);
            reasons.add(new Reason(ReasonCode.ROUTE_HATE_CRIME, provider));
            return new Route(Strand.HATE_CRIME, Pathway.HATE_CRIME_PARTNER, provider);
        }
        reasons.add(new Reason(ReasonCode.ROUTE_CORE, category == null ? "no category" : category.name()));
        return new Route(Strand.CORE, Pathway.CORE, null);
    }

    /** Field names for a victim with neither a name nor a contact channel. */
    private static List<String> missingDataFields() {
        List<String> fields = new ArrayList<>(missingNameFields());
        fields.addAll(missingChannelFields());
        return fields;
    }

    private static List<String> missingNameFields() {
        return List.of("victim.firstName", "victim.lastName");
    }

    /** A channel is any one of these; none was usable (missing or invalid), so each is named. */
    private static List<String> missingChannelFields() {
        return List.of("victim.phone", "victim.email", "victim.address");
    }

    private record Route(Strand strand, Pathway pathway, String provider) {}

    /** Collects the decision fields; a decision that opens no case leaves the case fields null. */
    private static final class DecisionBuilder {
        DecisionOutcome outcome;
        DataIssue dataIssue;
        CaseStatus caseStatus;
        Priority priority;
        Strand strand;
        Pathway pathway;
        String provider;
        Integer slaTargetHours;

        DecisionBuilder declined(DecisionOutcome declinedOutcome, DataIssue issue) {
            this.outcome = declinedOutcome;
            this.dataIssue = issue;
            return this;
        }

        Decision build(
                PolicyInput in,
                List<Reason> reasons,
                PolicySettings settings,
                Instant decidedAt,
                List<String> missingFields) {
            ReferralDecided.CrimeFacts crime =
                    !in.crimePresent() ? null : new ReferralDecided.CrimeFacts(in.category(), in.hateStrands());
            ReferralDecided decided = new ReferralDecided(
                    in.referralId(),
                    in.sourceReference(),
                    in.version(),
                    outcome,
                    caseStatus,
                    dataIssue,
                    priority,
                    strand,
                    pathway,
                    provider,
                    slaTargetHours,
                    reasons,
                    settings.policyVersion(),
                    decidedAt,
                    in.source(),
                    in.recordedAt(),
                    in.receivedAt(),
                    in.firstReceivedAt(),
                    in.area(),
                    crime,
                    in.riskLevel(),
                    in.ageBand(),
                    in.gender(),
                    in.consent(),
                    in.howHeard());
            return new Decision(decided, dataIssue == null ? List.of() : missingFields);
        }
    }
}
