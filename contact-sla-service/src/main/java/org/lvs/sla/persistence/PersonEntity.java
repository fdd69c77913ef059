package org.lvs.sla.persistence;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.util.Locale;
import java.util.UUID;

/** The victim's identity and contact details (consented victims only). Personal data: erasure deletes the row. */
@Entity
@Table(name = "case_person")
public class PersonEntity {

    @Id
    @Column(name = "referral_id")
    public UUID referralId;
    public int version;
    @Column(name = "person_ref")
    public String personRef;
    @Column(name = "first_name")
    public String firstName;
    @Column(name = "last_name")
    public String lastName;
    public String phone;
    public String email;
    @Column(name = "address_line1")
    public String addressLine1;
    @Column(name = "address_line2")
    public String addressLine2;
    public String town;
    public String postcode;
    @Column(name = "preferred_contact")
    public String preferredContact;
    @Column(name = "full_name_norm")
    public String fullNameNorm;
    @Column(name = "last_name_norm")
    public String lastNameNorm;
    @Column(name = "first_name_norm")
    public String firstNameNorm;
    @Column(name = "phone_norm")
    public String phoneNorm;
    @Column(name = "person_ref_norm")
    public String personRefNorm;

    /** Fills the search columns from the stored values. */
    public void normalise() {
        firstNameNorm = normText(firstName);
        lastNameNorm = normText(lastName);
        String full = ((firstName == null ? "" : firstName.trim()) + " " + (lastName == null ? "" : lastName.trim()));
        fullNameNorm = normText(full);
        phoneNorm = normPhone(phone);
        personRefNorm = normText(personRef);
    }

    /** Lower case, single spaces, no surrounding blanks; null when empty. */
    public static String normText(String s) {
        if (s == null) {
            return null;
        }
        String n = s.trim().replaceAll("\\s+", " ").toLowerCase(Locale.ROOT);
        return n.isEmpty() ? null : n;
    }

    /** Digits only, +44 / 44 written as a leading 0; null when there are too few digits to be a number. */
    public static String normPhone(String s) {
        if (s == null) {
            return null;
        }
        String digits = s.replaceAll("[^0-9]", "");
        if (digits.startsWith("44") && digits.length() > 10) {
            digits = "0" + digits.substring(2);
        }
        return digits.length() < 6 ? null : digits;
    }
}
