package org.lvs.contract;

import java.util.List;
import java.util.stream.Stream;

/** The Kafka topics of the system. Each topic has exactly one writer (interfaces.md). */
public final class Topics {

    /** Referral as accepted at the edge; the only topic with personal data (consented victims), short retention. */
    public static final String REFERRALS_RECEIVED = "referrals.received";
    /** Every record a source sent and its intake result, without personal data. Key: source. */
    public static final String REFERRALS_INTAKE = "referrals.intake";
    /** Triage decisions with the referral's non-personal facts. Key: referralId. */
    public static final String REFERRALS_TRIAGED = "referrals.triaged";
    /** Decisions the police should act on. Key: source. */
    public static final String REFERRALS_FEEDBACK = "referrals.feedback";
    /** Case work and contact-clock events. Key: referralId. */
    public static final String CASES_EVENTS = "cases.events";
    /**
     * Erasures of a case's personal data ({@code PersonalDataErased}), written by contact-sla-service and read by
     * every service that keeps a re-identifying trace of the victim. No personal data. Key: referralId. Long-lived, so
     * a rebuild from the topics applies the erasures again.
     */
    public static final String CASES_ERASURES = "cases.erasures";

    public static final String DLQ_SUFFIX = ".dlq";

    /** The main topics, in pipeline order. */
    public static final List<String> MAIN = List.of(
            REFERRALS_RECEIVED, REFERRALS_INTAKE, REFERRALS_TRIAGED, REFERRALS_FEEDBACK, CASES_EVENTS, CASES_ERASURES);

    private Topics() {}

    public static String dlq(String topic) {
        return topic + DLQ_SUFFIX;
    }

    /** Every topic including the dead-letter topics, for creating them up front. */
    public static List<String> all() {
        return MAIN.stream().flatMap(t -> Stream.of(t, dlq(t))).toList();
    }

    /** Only {@link #REFERRALS_RECEIVED} (and its dead letters) carries personal data and so has short retention. */
    public static boolean carriesPersonalData(String topic) {
        return topic.equals(REFERRALS_RECEIVED) || topic.equals(dlq(REFERRALS_RECEIVED));
    }
}
