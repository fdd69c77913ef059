package org.lvs.metrics.messaging;

/** The incoming channel names (application.properties binds them to topics); tests reuse them. */
public final class Channels {
    public static final String INTAKE = "intake";
    public static final String TRIAGED = "triaged";
    public static final String CASE_EVENTS = "case-events";
    /** Single records of a batch that cannot be applied, each to its own topic's {@code <topic>.dlq}. */
    /** The Kafka consumer group of every channel. */
    public static final String GROUP = "metrics-service";

    private Channels() {
    }
}
