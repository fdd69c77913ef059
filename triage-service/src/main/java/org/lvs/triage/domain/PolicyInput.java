package org.lvs.triage.domain;

import com.fasterxml.jackson.core.JsonProcessingException;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.UUID;
import org.lvs.contract.event.EventJson;
import org.lvs.contract.event.ReferralReceived;
import org.lvs.contract.referral.AgeBand;
import org.lvs.contract.referral.Consent;
import org.lvs.contract.referral.CrimeCategory;
import org.lvs.contract.referral.Gender;
import org.lvs.contract.referral.HateStrand;
import org.lvs.contract.referral.HowHeard;
import org.lvs.contract.referral.Referral;
import org.lvs.contract.referral.RiskLevel;
import org.lvs.contract.referral.Source;
import org.lvs.contract.referral.Victim;
import org.lvs.contract.referral.Vulnerability;

/**
 * Everything the triage policy reads of a referral version, without personal data: no name, date of birth, contact
 * detail, address, description, personRef or free text; only whether a name and a contact channel were there, the
 * victim's age in whole years at {@code recordedAt}, and the referral's facts that travel on {@code referrals.triaged}
 * anyway. Triage keeps it for a referral whose victim carries an identity, so that the referral can be decided again
 * when an earlier referral of the same victim arrives late (triage-policy.md, sections 4 and 7): the same facts give
 * the same decision as the referral itself did.
 *
 * @param crimePresent      the referral had a crime at all (the contract requires one; kept to rebuild it exactly)
 * @param victimPresent     the referral had a victim at all
 * @param hasName           firstName or lastName not blank
 * @param hasContactChannel a valid phone, a valid email or an address with line1 and postcode
 * @param age               whole years at {@code recordedAt} (Europe/London), from dateOfBirth or age; null if unknown
 * @param ageBand           the age band of the decision: from {@code age}, else the one the referral carried
 */
public record PolicyInput(
        UUID referralId,
        int version,
        Source source,
        String sourceReference,
        Instant recordedAt,
        Instant receivedAt,
        Instant firstReceivedAt,
        String area,
        boolean crimePresent,
        CrimeCategory category,
        List<HateStrand> hateStrands,
        Consent consent,
        boolean victimPresent,
        boolean hasName,
        boolean hasContactChannel,
        Integer age,
        AgeBand ageBand,
        Gender gender,
        List<Vulnerability> vulnerabilities,
        RiskLevel riskLevel,
        boolean unsafeToContact,
        HowHeard howHeard) {

    public PolicyInput {
        Objects.requireNonNull(referralId, "referralId");
        Objects.requireNonNull(recordedAt, "recordedAt");
        hateStrands = hateStrands == null ? List.of() : List.copyOf(hateStrands);
        vulnerabilities = vulnerabilities == null ? List.of() : List.copyOf(vulnerabilities);
        consent = consent == null ? Consent.NOT_RECORDED : consent;
        ageBand = ageBand == null ? AgeBand.UNKNOWN : ageBand;
    }

    /** The facts of a referral version as read from {@code referrals.received}. */
    public static PolicyInput of(ReferralReceived received) {
        Referral r = Objects.requireNonNull(received.referral(), "referral");
        Victim victim = r.victim();
        Integer age = victim == null ? null : AgeBand.ageAt(victim.dateOfBirth(), victim.age(), r.recordedAt());
        AgeBand band = victim == null
                ? AgeBand.UNKNOWN
                : age != null ? AgeBand.of(age) : victim.ageBand() != null ? victim.ageBand() : AgeBand.UNKNOWN;
        Instant receivedAt = received.receivedAt() != null ? received.receivedAt() : r.receivedAt();
        Instant firstReceivedAt = received.firstReceivedAt() != null ? received.firstReceivedAt() : receivedAt;
        return new PolicyInput(
                received.referralId(),
                received.version(),
                r.source(),
                r.sourceReference(),
                r.recordedAt(),
                receivedAt,
                firstReceivedAt,
                r.area(),
                r.crime() != null,
                r.crime() == null ? null : r.crime().category(),
                r.crime() == null ? List.of() : r.crime().hateStrands(),
                r.consent(),
                victim != null,
                victim != null && victim.hasName(),
                victim != null && victim.hasContactChannel(),
                age,
                band,
                victim == null ? null : victim.gender(),
                victim == null ? List.of() : victim.vulnerabilities(),
                r.riskLevel(),
                r.safeguarding().unsafeToContact(),
                r.howHeard());
    }

    /** Under 18 at {@code recordedAt}: by age when known, else by the age band the referral carried. */
    public boolean under18() {
        return age != null ? age < 18 : ageBand == AgeBand.UNDER_18;
    }

    /** The first listed hate strand, or null. */
    public HateStrand firstHateStrand() {
        return hateStrands.isEmpty() ? null : hateStrands.get(0);
    }

    /** As stored. */
    public String toJson() {
        return EventJson.write(this);
    }

    public static PolicyInput fromJson(String json) {
        try {
            return EventJson.mapper().readValue(json, PolicyInput.class);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored policy input is not readable", e);
        }
    }
}
