package org.lvs.triage.messaging;

import io.quarkus.logging.Log;
import io.smallrye.common.annotation.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.lvs.contract.event.MalformedEventException;
import org.lvs.triage.service.TriageService;

/**
 * Decides every referral version read from {@code referrals.received}. The offset is committed only after the
 * decision (and its outbox events) committed, so nothing is lost; the processed-event log makes a redelivery
 * harmless. A record that cannot be read fails at once and is dead-lettered with the reason; a failure of the
 * database is retried a few times first, so a short outage does not fill the dead-letter topic.
 */
@ApplicationScoped
public class ReferralReceivedConsumer {

    static final int ATTEMPTS = 5;
    static final Duration FIRST_BACKOFF = Duration.ofMillis(200);

    private final TriageService triage;

    ReferralReceivedConsumer(TriageService triage) {
        this.triage = triage;
    }

    @Incoming(Channels.RECEIVED)
    @Blocking
    public void consume(String record) {
        ReceivedEvents.Received received;
        try {
            received = ReceivedEvents.read(record);
        } catch (MalformedEventException e) {
            // The reason may quote the record, which can carry personal data: it goes to the DLQ header, not the log.
            Log.warn("dead-lettering an unreadable record on referrals.received (reason in its dead-letter-reason header)");
            throw e;
        }
        var payload = received.payload();
        Duration backoff = FIRST_BACKOFF;
        for (int attempt = 1;; attempt++) {
            try {
                TriageService.Result result = triage.decide(received.envelope().eventId(), payload);
                Log.debugf("referral %s version %d: %s", payload.referralId(), payload.version(), result);
                return;
            } catch (RuntimeException e) {
                if (attempt >= ATTEMPTS) {
                    Log.errorf("cannot decide referral %s version %d after %d attempts: %s", payload.referralId(),
                            payload.version(), attempt, e.getClass().getSimpleName());
                    throw e;
                }
                Log.warnf("deciding referral %s version %d failed (%s), retrying", payload.referralId(),
                        payload.version(), e.getClass().getSimpleName());
                sleep(backoff);
                backoff = backoff.multipliedBy(2);
            }
        }
    }

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while retrying", e);
        }
    }
}
