package org.lvs.contract.casework;

/** Outcome of a contact attempt; the first three count as contact made and stop the clock (sla-policy.md). */
public enum ContactOutcome {
    SPOKE_TO_VICTIM(true),
    VICTIM_RESPONDED(true),
    DECLINED_SUPPORT(true),
    NO_ANSWER(false),
    VOICEMAIL_LEFT(false),
    MESSAGE_SENT(false),
    WRONG_DETAILS(false),
    ABORTED_UNSAFE(false);

    private final boolean contactMade;

    ContactOutcome(boolean contactMade) {
        this.contactMade = contactMade;
    }

    public boolean isContactMade() {
        return contactMade;
    }
}
