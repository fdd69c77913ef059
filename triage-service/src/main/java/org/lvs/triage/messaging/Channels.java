package org.lvs.triage.messaging;

/** Channel names of triage-service (application.properties maps them to topics); tests reuse them. */
public final class Channels {
    /** {@code referrals.received}, read in batches; dead letters to {@code referrals.received.dlq}. */
    public static final String RECEIVED = "received";
    /** {@code cases.erasures}, read in batches; dead letters to {@code cases.erasures.dlq}. */
    public static final String ERASURES = "erasures";
    /** The consumer group of every channel, named in dead letters. */
    public static final String GROUP = "triage-service";

    private Channels() {}
}
