package org.lvs.ingest.domain;

import java.util.regex.Pattern;
import org.lvs.commons.text.SafeText;
import org.lvs.commons.text.SafeText.Kind;

/**
 * What each string field may hold at the edge (README, "Field limits"): its kind for {@link SafeText} and its maximum
 * length in characters. A value that breaks its rule is refused with a 400 naming the field, so nothing downstream
 * (PostgreSQL, a CSV cell, a consumer) ever has to hold a NUL, a control character, a lone surrogate or an unbounded
 * string.
 */
public final class FieldRules {

    /** Names, one line each (referral-contract.md: at most 200 characters per name). */
    public static final int NAME = 200;
    /** {@code crime.description}, free text (referral-contract.md: at most 2,000). */
    public static final int DESCRIPTION = 2000;
    /** {@code howHeardDetail}, free text (referral-contract.md: up to 200). */
    public static final int HOW_HEARD_DETAIL = 200;
    /** {@code safeguarding.reason}, free text. */
    public static final int SAFEGUARDING_REASON = 2000;
    /** {@code sourceReference}: 1 to 64 of {@code A-Z a-z 0-9 - _ / .} (referral-contract.md). */
    public static final int SOURCE_REFERENCE = 64;
    /** {@code victim.personRef}: the police system's person reference. */
    public static final int PERSON_REF = 64;
    /** {@code victim.phone}: kept as given (a UK number is 13 characters without spaces; room for spacing). */
    public static final int PHONE = 40;
    /** {@code victim.email}: RFC 5321's longest address. */
    public static final int EMAIL = 254;
    /** {@code victim.address.line1}, {@code line2}, {@code town}. */
    public static final int ADDRESS_LINE = 200;
    /** {@code victim.address.postcode} (a UK postcode is at most 8; room for foreign ones). */
    public static final int POSTCODE = 16;
    /** Codes: {@code source}, {@code area}, enum values, dates and instants. */
    public static final int CODE = 64;
    /** {@code batchId}: 1 to 64 of {@code A-Z a-z 0-9 . _ : / -}. */
    public static final int BATCH_ID = 64;
    /** {@code Idempotency-Key}: 1 to 128 of {@code A-Z a-z 0-9 . _ : -} (a UUID fits). */
    public static final int IDEMPOTENCY_KEY = 128;

    public static final Pattern SOURCE_REFERENCE_PATTERN = Pattern.compile("[A-Za-z0-9_/.\\-]{1,64}");
    public static final Pattern BATCH_ID_PATTERN = Pattern.compile("[A-Za-z0-9._:/\\-]{1,64}");
    public static final Pattern IDEMPOTENCY_KEY_PATTERN = Pattern.compile("[A-Za-z0-9._:\\-]{1,128}");

    private FieldRules() {}

    /**
     * The problem with a text value, or null. Characters are checked on the value as sent (a trailing NUL must not
     * vanish in trimming); the length on the trimmed value, which is what is kept.
     */
    public static String problem(String raw, Kind kind, int max) {
        if (raw == null) {
            return null;
        }
        String characters = SafeText.problem(raw, kind, Integer.MAX_VALUE);
        if (characters != null) {
            return characters;
        }
        String trimmed = raw.trim();
        return trimmed.codePointCount(0, trimmed.length()) > max ? "must be at most " + max + " characters" : null;
    }

    /** Whether a value may travel as a sourceReference (the contract's pattern). */
    public static boolean isSourceReference(String value) {
        return value != null && SOURCE_REFERENCE_PATTERN.matcher(value).matches();
    }

    /** Whether a value may travel as a batchId. */
    public static boolean isBatchId(String value) {
        return value != null && BATCH_ID_PATTERN.matcher(value).matches();
    }

    /** The problem with a batchId as sent, or null. */
    public static String batchIdProblem(String value) {
        return isBatchId(value) ? null : "must be 1 to " + BATCH_ID + " characters of A-Z a-z 0-9 . _ : / -";
    }
}
