package org.lvs.triage.messaging;

/** Channel names of triage-service (application.properties maps them to topics); tests reuse them. */
public final class Channels {
    /** {@code referrals.received}, read in batches; dead letters to {@code referrals.received.dlq}. */
    public static final String RECEIVED = "received";
    /** {@code referrals.received.dlq}: single records of a batch that cannot be read or decided. */

    private Channels() {
    }
}
