package org.lvs.triage.domain;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;
import org.lvs.contract.event.ReferralReceived;
import org.lvs.contract.referral.Address;
import org.lvs.contract.referral.AgeBand;
import org.lvs.contract.referral.Consent;
import org.lvs.contract.referral.Crime;
import org.lvs.contract.referral.CrimeCategory;
import org.lvs.contract.referral.Gender;
import org.lvs.contract.referral.HateStrand;
import org.lvs.contract.referral.PreferredContact;
import org.lvs.contract.referral.Referral;
import org.lvs.contract.referral.RiskLevel;
import org.lvs.contract.referral.Safeguarding;
import org.lvs.contract.referral.Source;
import org.lvs.contract.referral.Victim;
import org.lvs.contract.referral.Vulnerability;

/** Test data: a complete, consented adult referral to vary one field at a time (withers return copies). */
public record Referrals(
        UUID referralId,
        int version,
        String sourceReference,
        Instant recordedAt,
        Instant receivedAt,
        CrimeCategory category,
        List<HateStrand> strands,
        Victim victim,
        Consent consent,
        RiskLevel risk,
        boolean unsafe) {

    public static final Instant RECORDED = Instant.parse("2017-08-14T08:30:00Z");

    public static Victim adult() {
        return new Victim(
                "P-778812",
                "Amina",
                "Example",
                LocalDate.of(1990, 5, 2),
                null,
                Gender.FEMALE,
                "07700 900123",
                null,
                new Address("1 Example Street", null, "Preston", "PR1 2AB"),
                PreferredContact.PHONE,
                List.of(),
                null);
    }

    public static Referrals referral() {
        return new Referrals(
                UUID.fromString("00000000-0000-0000-0000-000000000001"),
                1,
                "LC-2017-0012345",
                RECORDED,
                RECORDED.plusSeconds(60),
                CrimeCategory.BURGLARY,
                List.of(),
                adult(),
                Consent.EXPLICIT,
                null,
                false);
    }

    public Referrals category(CrimeCategory c, HateStrand... hateStrands) {
        return new Referrals(
                referralId,
                version,
                sourceReference,
                recordedAt,
                receivedAt,
                c,
                List.of(hateStrands),
                victim,
                consent,
                risk,
                unsafe);
    }

    public Referrals victim(Victim v) {
        return new Referrals(
                referralId,
                version,
                sourceReference,
                recordedAt,
                receivedAt,
                category,
                strands,
                v,
                consent,
                risk,
                unsafe);
    }

    public Referrals consent(Consent c) {
        return new Referrals(
                referralId,
                version,
                sourceReference,
                recordedAt,
                receivedAt,
                category,
                strands,
                victim,
                c,
                risk,
                unsafe);
    }

    public Referrals risk(RiskLevel r) {
        return new Referrals(
                referralId,
                version,
                sourceReference,
                recordedAt,
                receivedAt,
                category,
                strands,
                victim,
                consent,
                r,
                unsafe);
    }

    public Referrals unsafe(boolean u) {
        return new Referrals(
                referralId,
                version,
                sourceReference,
                recordedAt,
                receivedAt,
                category,
                strands,
                victim,
                consent,
                risk,
                u);
    }

    public Referrals recordedAt(Instant at) {
        return new Referrals(
                referralId, version, sourceReference, at, receivedAt, category, strands, victim, consent, risk, unsafe);
    }

    public Referrals sourceReference(String ref) {
        return new Referrals(
                referralId, version, ref, recordedAt, receivedAt, category, strands, victim, consent, risk, unsafe);
    }

    public Referrals vulnerabilities(Vulnerability... flags) {
        Victim v = victim;
        return victim(new Victim(
                v.personRef(),
                v.firstName(),
                v.lastName(),
                v.dateOfBirth(),
                v.age(),
                v.gender(),
                v.phone(),
                v.email(),
                v.address(),
                v.preferredContact(),
                List.of(flags),
                v.ageBand()));
    }

    public Referrals dateOfBirth(LocalDate dob, Integer age) {
        Victim v = victim;
        return victim(new Victim(
                v.personRef(),
                v.firstName(),
                v.lastName(),
                dob,
                age,
                v.gender(),
                v.phone(),
                v.email(),
                v.address(),
                v.preferredContact(),
                v.vulnerabilities(),
                v.ageBand()));
    }

    public static Victim contact(String first, String last, String phone, String email, Address address) {
        return new Victim(null, first, last, null, null, Gender.UNKNOWN, phone, email, address, null, List.of(), null);
    }

    /** The referral as it travels: minimised by the contract when consent is missing. */
    public Referral toReferral() {
        Referral full = new Referral(
                Source.ADT,
                sourceReference,
                version,
                40213L,
                recordedAt,
                null,
                "CENTRAL",
                category == null ? null : new Crime(category, strands, "what happened"),
                victim,
                consent,
                risk,
                new Safeguarding(unsafe, unsafe ? "perpetrator reads texts" : null),
                null,
                null);
        return full.asPublishable();
    }

    public ReferralReceived received() {
        return new ReferralReceived(referralId, version, receivedAt, receivedAt, toReferral());
    }

    public AgeBand ageBand() {
        return victim == null ? AgeBand.UNKNOWN : AgeBand.at(victim.dateOfBirth(), victim.age(), recordedAt);
    }
}
