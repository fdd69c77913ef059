package org.lvs.metrics.messaging;

/** The incoming channel names (application.properties binds them to topics); tests reuse them. */
public final class Channels {
    public static final String INTAKE = "intake";
    public static final String TRIAGED = "triaged";
    public static final String CASE_EVENTS = "case-events";
    public static final String ERASURES = "erasures";
    /** The Kafka consumer group of every channel, named in dead letters. */
    public static final String GROUP = "metrics-service";

    private Channels() {}
}
