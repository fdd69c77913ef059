package org.lvs.sla.messaging;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import io.smallrye.reactive.messaging.annotations.Blocking;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.lvs.contract.event.EventJson;
import org.lvs.sla.service.DecisionIntake;

/**
 * Reads decisions ({@code referrals.triaged}) and received referrals ({@code referrals.received}). The record is
 * acknowledged only after its transaction committed; a record that cannot be applied goes to the topic's DLQ
 * (failure-strategy dead-letter-queue). Bodies are never logged: received referrals carry personal data.
 */
@ApplicationScoped
public class ReferralConsumers {

    /** Channel names; application.properties binds them to the topics and their DLQs. */
    public static final String TRIAGED = "triaged";
    public static final String RECEIVED = "received";

    @Inject
    DecisionIntake intake;

    @Incoming(TRIAGED)
    @Blocking
    public void onDecided(String record) {
        intake.onDecided(EventJson.read(record));
    }

    @Incoming(RECEIVED)
    @Blocking
    public void onReceived(String record) {
        intake.onReceived(EventJson.read(record));
    }
}
