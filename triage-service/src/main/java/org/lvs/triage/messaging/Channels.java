package org.lvs.triage.messaging;

/** Channel names of triage-service (application.properties maps them to topics); tests reuse them. */
public final class Channels {
    /** {@code referrals.received}, dead letters to {@code referrals.received.dlq}. */
    public static final String RECEIVED = "received";

    private Channels() {
    }
}
