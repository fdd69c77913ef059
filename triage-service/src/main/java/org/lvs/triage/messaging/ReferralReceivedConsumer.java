package org.lvs.triage.messaging;

import io.quarkus.logging.Log;
import io.smallrye.common.annotation.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.lvs.contract.event.MalformedEventException;
import org.lvs.commons.messaging.DeadLetters;
import org.lvs.commons.messaging.Retries;
import org.lvs.commons.messaging.DeadLetters.DeadLetter;
import org.lvs.triage.service.TriageService;

/**
 * Decides the referral versions read from {@code referrals.received}, a poll's batch at a time in one transaction.
 * The batch's offsets are committed only after its decisions (and their outbox events) committed and its dead
 * letters were acknowledged, so nothing is lost; the processed-event log makes a redelivery harmless.
 *
 * <p>A record that cannot be read is dead-lettered on its own with the reason, and the rest of the batch goes on. A
 * failing batch transaction (the database away for a moment, a deadlock) is retried a few times; if it keeps
 * failing, the batch's records are decided one by one, so only a record that really fails is dead-lettered. Any
 * failure left over (the dead-letter topic unreachable) fails the whole batch, which the channel's
 * {@code failure-strategy=dead-letter-queue} then handles as the last resort.
 */
@ApplicationScoped
public class ReferralReceivedConsumer {

    static final int BATCH_ATTEMPTS = 4;
    static final int RECORD_ATTEMPTS = 3;
    static final Duration FIRST_BACKOFF = Duration.ofMillis(200);

    private final TriageService triage;
    private final DeadLetters deadLetters;

    ReferralReceivedConsumer(TriageService triage, DeadLetters deadLetters) {
        this.triage = triage;
        this.deadLetters = deadLetters;
    }

    @Incoming(Channels.RECEIVED)
    @Blocking
    public void consume(ConsumerRecords<String, String> records) {
        List<ConsumerRecord<String, String>> readable = new ArrayList<>(records.count());
        List<TriageService.Received> batch = new ArrayList<>(records.count());
        List<DeadLetter> dead = new ArrayList<>();
        for (ConsumerRecord<String, String> record : records) {
            try {
                ReceivedEvents.Received received = ReceivedEvents.read(record.value());
                readable.add(record);
                batch.add(new TriageService.Received(received.envelope().eventId(), received.payload()));
            } catch (MalformedEventException e) {
                dead.add(new DeadLetter(record, e.getMessage(), e.getClass().getName()));
            } catch (RuntimeException e) {
                // the message of an unexpected error may quote the record: only its kind goes out
                dead.add(new DeadLetter(record, "unreadable record: " + e.getClass().getSimpleName(),
                        e.getClass().getName()));
            }
        }
        if (!dead.isEmpty()) {
            // The reason may quote the record, which can carry personal data: it goes to the DLQ header, not the log.
            Log.warnf("dead-lettering %d unreadable record(s) on referrals.received (reason in the "
                    + "dead-letter-reason header)", dead.size());
        }
        if (!batch.isEmpty()) {
            try {
                List<TriageService.Result> results = Retries.withRetries(BATCH_ATTEMPTS, FIRST_BACKOFF,
                        "a batch of " + batch.size(),
                        () -> triage.decideAll(batch));
                Log.debugf("decided a batch of %d referral versions: %s", batch.size(), results);
            } catch (RuntimeException batchFailure) {
                Log.warnf("a batch of %d referral versions keeps failing (%s); deciding them one by one",
                        batch.size(), batchFailure.getClass().getSimpleName());
                dead.addAll(decideOneByOne(readable, batch));
            }
        }
        deadLetters.send(dead);
    }

    /** The fallback: each record in its own transaction, in order; those that still fail become dead letters. */
    private List<DeadLetter> decideOneByOne(List<ConsumerRecord<String, String>> records,
            List<TriageService.Received> batch) {
        List<DeadLetter> dead = new ArrayList<>();
        for (int i = 0; i < batch.size(); i++) {
            var received = batch.get(i);
            var payload = received.received();
            String what = "referral " + payload.referralId() + " version " + payload.version();
            try {
                TriageService.Result result = Retries.withRetries(RECORD_ATTEMPTS, FIRST_BACKOFF, what,
                        () -> triage.decide(received.eventId(), payload));
                Log.debugf("%s: %s", what, result);
            } catch (RuntimeException e) {
                Log.errorf("cannot decide %s after %d attempts (%s): dead-lettering it", what, RECORD_ATTEMPTS,
                        e.getClass().getSimpleName());
                dead.add(new DeadLetter(records.get(i), "cannot decide: " + Retries.errorKinds(e), e.getClass().getName()));
            }
        }
        return dead;
    }
}
