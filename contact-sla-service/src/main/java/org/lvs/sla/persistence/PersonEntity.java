package org.lvs.sla.persistence;

import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.text.Normalizer;
import java.time.LocalDate;
import java.util.Locale;
import java.util.UUID;
import java.util.regex.Pattern;

/** The victim's identity and contact details (consented victims only). Personal data: erasure deletes the row. */
@Entity
@Table(name = "case_person")
public class PersonEntity {

    private static final Pattern ACCENTS = Pattern.compile("\\p{M}+");
    // compiled once: String.replaceAll compiles its pattern on every call, a twentieth of contact-sla's intake CPU
    private static final Pattern BLANKS = Pattern.compile("\\s+");
    private static final Pattern NOT_DIGITS = Pattern.compile("[^0-9]");

    @Id
    public UUID referralId;

    public int version;

    public String personRef;

    public String firstName;

    public String lastName;

    public LocalDate dateOfBirth;

    public String phone;
    public String email;

    public String addressLine1;

    public String addressLine2;

    public String town;
    public String postcode;

    public String preferredContact;
    /** Comma-separated {@code Vulnerability} names the referral flags. */
    public String vulnerabilities;

    public boolean unsafeToContact;
    /** Why contact could put the victim at risk: free text, personal data. */
    public String safeguardingReason;

    public String ageBand;

    public String fullNameNorm;

    public String lastNameNorm;

    public String firstNameNorm;

    public String phoneNorm;

    public String personRefNorm;

    public String emailNorm;

    public String postcodeNorm;

    /** Fills the search columns from the stored values. */
    public void normalise() {
        firstNameNorm = normText(firstName);
        lastNameNorm = normText(lastName);
        String full = ((firstName == null ? "" : firstName.trim()) + " " + (lastName == null ? "" : lastName.trim()));
        fullNameNorm = normText(full);
        phoneNorm = normPhone(phone);
        personRefNorm = normText(personRef);
        emailNorm = normEmail(email);
        postcodeNorm = normPostcode(postcode);
    }

    /** Lower case, accents removed, single spaces, no surrounding blanks; null when empty. */
    public static String normText(String s) {
        if (s == null) {
            return null;
        }
        String n = ACCENTS.matcher(Normalizer.normalize(s, Normalizer.Form.NFD))
                .replaceAll("")
                .trim();
        n = BLANKS.matcher(n).replaceAll(" ").toLowerCase(Locale.ROOT);
        return n.isEmpty() ? null : n;
    }

    /** Lower case without surrounding blanks; null unless it looks like an address ({@code x@y}). */
    public static String normEmail(String s) {
        if (s == null) {
            return null;
        }
        String n = s.trim().toLowerCase(Locale.ROOT);
        int at = n.indexOf('@');
        return at > 0 && at < n.length() - 1 && n.indexOf('@', at + 1) < 0 ? n : null;
    }

    /** Upper case without any blanks; null when empty. */
    public static String normPostcode(String s) {
        if (s == null) {
            return null;
        }
        String n = BLANKS.matcher(s).replaceAll("").toUpperCase(Locale.ROOT);
        return n.isEmpty() ? null : n;
    }

    /** Digits only, +44 / 44 written as a leading 0; null when there are too few digits to be a number. */
    public static String normPhone(String s) {
        if (s == null) {
            return null;
        }
        String digits = NOT_DIGITS.matcher(s).replaceAll("");
        if (digits.startsWith("44") && digits.length() > 10) {
            digits = "0" + digits.substring(2);
        }
        return digits.length() < 6 ? null : digits;
    }
}
