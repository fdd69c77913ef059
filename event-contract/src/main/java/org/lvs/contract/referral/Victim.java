package org.lvs.contract.referral;

import java.time.LocalDate;
import java.util.List;

/**
 * The victim as a referral carries them. Everything but {@code gender} and {@code ageBand} is personal data and is
 * null on a referral without consent ({@link Referral#minimised()}).
 *
 * @param ageBand set by ingest from {@code dateOfBirth} or {@code age} at the referral's {@code recordedAt}
 */
public record Victim(
        String personRef,
        String firstName,
        String lastName,
        LocalDate dateOfBirth,
        Integer age,
        Gender gender,
        String phone,
        String email,
        Address address,
        PreferredContact preferredContact,
        List<Vulnerability> vulnerabilities,
        AgeBand ageBand) {

    public Victim {
        vulnerabilities = vulnerabilities == null ? List.of() : List.copyOf(vulnerabilities);
    }

    /** A name: {@code firstName} or {@code lastName} not blank (triage-policy.md, data quality). */
    public boolean hasName() {
        return ContactRules.notBlank(firstName) || ContactRules.notBlank(lastName);
    }

    public boolean hasValidPhone() {
        return ContactRules.isValidUkPhone(phone);
    }

    public boolean hasValidEmail() {
        return ContactRules.isValidEmail(email);
    }

    public boolean hasUsableAddress() {
        return address != null && address.usableForContact();
    }

    /** A contact channel: a valid phone, a valid email, or an address with line1 and postcode. */
    public boolean hasContactChannel() {
        return hasValidPhone() || hasValidEmail() || hasUsableAddress();
    }

    /** What may travel without consent: gender and age band only. */
    public Victim minimised() {
        return new Victim(null, null, null, null, null, gender, null, null, null, null, List.of(), ageBand);
    }
}
