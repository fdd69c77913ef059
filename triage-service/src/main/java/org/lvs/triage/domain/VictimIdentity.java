package org.lvs.triage.domain;

import java.text.Normalizer;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;
import org.lvs.contract.referral.ContactRules;
import org.lvs.contract.referral.Victim;

/**
 * Keyed hashes (HMAC-SHA256) of a victim's identities, the only form in which triage keeps them: the personRef, and
 * the normalised first name, last name and date of birth. Without the key the hashes cannot be reversed by guessing
 * names and dates, and two referrals of one victim still give equal hashes.
 *
 * @param personRefHash hash of the trimmed personRef, or null when the referral carried none
 * @param nameDobHash   hash of normalised first name, last name and date of birth, or null unless all three are given
 */
public record VictimIdentity(String personRefHash, String nameDobHash) {

    /** Compiled once: every referral's names pass through {@link #normaliseName}. */
    private static final Pattern MARKS = Pattern.compile("\\p{M}+");

    private static final Pattern WHITESPACE = Pattern.compile("\\s+");

    public static final VictimIdentity NONE = new VictimIdentity(null, null);

    public boolean isEmpty() {
        return personRefHash == null && nameDobHash == null;
    }

    /** The non-null hashes, for lookups and locks. */
    public List<String> hashes() {
        List<String> hashes = new ArrayList<>(2);
        if (personRefHash != null) {
            hashes.add(personRefHash);
        }
        if (nameDobHash != null) {
            hashes.add(nameDobHash);
        }
        return hashes;
    }

    /** The identity a victim carries; {@link #NONE} for no victim (a minimised, no-consent referral carries none). */
    public static VictimIdentity of(Victim victim, IdentityHmac hmac) {
        if (victim == null) {
            return NONE;
        }
        String personRef =
                ContactRules.notBlank(victim.personRef()) ? victim.personRef().trim() : null;
        String first = normaliseName(victim.firstName());
        String last = normaliseName(victim.lastName());
        String nameDob = first.isEmpty() || last.isEmpty() || victim.dateOfBirth() == null
                ? null
                : first + '\u0000' + last + '\u0000' + victim.dateOfBirth();
        // Domain prefixes keep a personRef from ever colliding with a name key.
        return new VictimIdentity(
                personRef == null ? null : hmac.hash("personRef\u0000" + personRef),
                nameDob == null ? null : hmac.hash("nameDob\u0000" + nameDob));
    }

    /** Lower case, accents stripped (NFD without combining marks), inner whitespace collapsed, trimmed. */
    public static String normaliseName(String name) {
        if (name == null) {
            return "";
        }
        String decomposed = Normalizer.normalize(name, Normalizer.Form.NFD);
        String withoutMarks = MARKS.matcher(decomposed).replaceAll("");
        return WHITESPACE.matcher(withoutMarks.toLowerCase(Locale.ROOT).trim()).replaceAll(" ");
    }
}
