package org.lvs.contract.referral;

import java.util.regex.Pattern;

/** What counts as a usable phone, email and address (referral-contract.md), shared by ingest and triage. */
public final class ContactRules {

    /** After removing spaces: {@code +44} or {@code 0}, then 9 or 10 digits. */
    private static final Pattern UK_PHONE = Pattern.compile("(\\+44|0)\\d{9,10}");
    /** A pragmatic syntactic check: one {@code @}, a non-empty local part, a dotted domain, no spaces. */
    private static final Pattern EMAIL = Pattern.compile(
            "[A-Za-z0-9!#$%&'*+/=?^_`{|}~.-]+@[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?(?:\\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)+");

    private ContactRules() {}

    public static boolean isValidUkPhone(String phone) {
        return phone != null && UK_PHONE.matcher(phone.replace(" ", "")).matches();
    }

    public static boolean isValidEmail(String email) {
        if (email == null || email.length() > 254) {
            return false;
        }
        String trimmed = email.trim();
        return EMAIL.matcher(trimmed).matches() && !trimmed.startsWith(".") && !trimmed.contains("..");
    }

    public static boolean notBlank(String value) {
        return value != null && !value.isBlank();
    }
}
