package org.lvs.triage.domain;

import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.NoSuchAlgorithmException;
import java.text.Normalizer;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
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

    private static final String ALGORITHM = "HmacSHA256";

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
    public static VictimIdentity of(Victim victim, byte[] key) {
        if (victim == null) {
            return NONE;
        }
        String personRef = ContactRules.notBlank(victim.personRef()) ? victim.personRef().trim() : null;
        String first = normaliseName(victim.firstName());
        String last = normaliseName(victim.lastName());
        String nameDob = first.isEmpty() || last.isEmpty() || victim.dateOfBirth() == null ? null
                : first + '\u0000' + last + '\u0000' + victim.dateOfBirth();
        // Domain prefixes keep a personRef from ever colliding with a name key.
        return new VictimIdentity(personRef == null ? null : hmac(key, "personRef\u0000" + personRef),
                nameDob == null ? null : hmac(key, "nameDob\u0000" + nameDob));
    }

    /** Lower case, accents stripped (NFD without combining marks), inner whitespace collapsed, trimmed. */
    public static String normaliseName(String name) {
        if (name == null) {
            return "";
        }
        String decomposed = Normalizer.normalize(name, Normalizer.Form.NFD);
        String withoutMarks = decomposed.replaceAll("\\p{M}+", "");
        return withoutMarks.toLowerCase(Locale.ROOT).trim().replaceAll("\\s+", " ");
    }

    static String hmac(byte[] key, String value) {
        try {
            Mac mac = Mac.getInstance(ALGORITHM);
            mac.init(new SecretKeySpec(key, ALGORITHM));
            return HexFormat.of().formatHex(mac.doFinal(value.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException("cannot compute identity hash", e);
        }
    }
}
