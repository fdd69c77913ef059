package org.lvs.contract.referral;

/** Whether contacting the victim could put them at risk; {@code reason} is free text (personal data). */
public record Safeguarding(boolean unsafeToContact, String reason) {
    public static final Safeguarding SAFE = new Safeguarding(false, null);
}
