package org.lvs.sla.messaging;

import io.quarkus.logging.Log;
import io.smallrye.common.annotation.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.Function;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.lvs.contract.event.EventEnvelope;
import org.lvs.contract.event.EventJson;
import org.lvs.contract.event.EventTypes;
import org.lvs.contract.event.MalformedEventException;
import org.lvs.commons.messaging.DeadLetters;
import org.lvs.commons.messaging.Retries;
import org.lvs.commons.messaging.DeadLetters.DeadLetter;
import org.lvs.sla.service.DecisionIntake;

/**
 * Reads decisions ({@code referrals.triaged}) and received referrals ({@code referrals.received}), a poll's batch at
 * a time applied in one transaction. The batch's offsets are committed only after its transaction committed and its
 * dead letters were acknowledged, so nothing is lost; the processed-event log makes a redelivery harmless.
 *
 * <p>A record that cannot be read is dead-lettered on its own with the reason (never its content in the log), and
 * the rest of the batch goes on. A failing batch transaction (a deadlock with the other channel or a handler, the
 * database away for a moment) is retried with backoff; if it keeps failing, the batch's records are applied one by
 * one, so only a record that really fails is dead-lettered. Any failure left over (the dead-letter topic
 * unreachable) fails the whole batch, which the channel's {@code failure-strategy=dead-letter-queue} then handles as
 * the last resort.
 */
@ApplicationScoped
public class ReferralConsumers {

    /** Channel names; application.properties binds them to the topics and their DLQs. */
    public static final String TRIAGED = "triaged";
    public static final String RECEIVED = "received";

    static final int BATCH_ATTEMPTS = 4;
    static final int RECORD_ATTEMPTS = 3;
    static final Duration FIRST_BACKOFF = Duration.ofMillis(200);

    private final DecisionIntake intake;
    private final DeadLetters deadLetters;

    ReferralConsumers(DecisionIntake intake, DeadLetters deadLetters) {
        this.intake = intake;
        this.deadLetters = deadLetters;
    }

    @Incoming(TRIAGED)
    @Blocking
    public void onDecided(ConsumerRecords<String, String> records) {
        consume(records, EventTypes.REFERRAL_DECIDED, DecisionIntake::decidedOf, intake::applyDecisions);
    }

    @Incoming(RECEIVED)
    @Blocking
    public void onReceived(ConsumerRecords<String, String> records) {
        consume(records, EventTypes.REFERRAL_RECEIVED, DecisionIntake::receivedOf, intake::applyReceived);
    }

    private <T> void consume(ConsumerRecords<String, String> records, String type,
            Function<EventEnvelope, T> read, Consumer<List<T>> apply) {
        List<ConsumerRecord<String, String>> readable = new ArrayList<>(records.count());
        List<T> batch = new ArrayList<>(records.count());
        List<DeadLetter> dead = new ArrayList<>();
        for (ConsumerRecord<String, String> record : records) {
            try {
                EventEnvelope envelope = EventJson.read(record.value());
                if (!type.equals(envelope.type())) {
                    continue; // another type on the topic is none of this service's business
                }
                batch.add(read.apply(envelope));
                readable.add(record);
            } catch (MalformedEventException | IllegalArgumentException e) {
                dead.add(new DeadLetter(record, e.getMessage(), e.getClass().getName()));
            } catch (RuntimeException e) {
                // the message of an unexpected error may quote the record: only its kind goes out
                dead.add(new DeadLetter(record, "unreadable record: " + e.getClass().getSimpleName(),
                        e.getClass().getName()));
            }
        }
        if (!dead.isEmpty()) {
            // The reason may quote the record, which can carry personal data: it goes to the DLQ header, not the log.
            Log.warnf("dead-lettering %d unreadable record(s) (reason in the dead-letter-reason header)",
                    dead.size());
        }
        if (!batch.isEmpty()) {
            try {
                long start = System.nanoTime();
                Retries.withRetries(BATCH_ATTEMPTS, FIRST_BACKOFF, "a batch of " + batch.size(),
                        () -> apply.accept(batch));
                Log.debugf("applied a batch of %d %s in %d ms", (Object) batch.size(), type,
                        (System.nanoTime() - start) / 1_000_000);
            } catch (RuntimeException batchFailure) {
                Log.warnf("a batch of %d records keeps failing (%s); applying them one by one", batch.size(),
                        batchFailure.getClass().getSimpleName());
                for (int i = 0; i < batch.size(); i++) {
                    List<T> one = List.of(batch.get(i));
                    ConsumerRecord<String, String> record = readable.get(i);
                    String what = record.topic() + "-" + record.partition() + "@" + record.offset();
                    try {
                        Retries.withRetries(RECORD_ATTEMPTS, FIRST_BACKOFF, what, () -> apply.accept(one));
                    } catch (RuntimeException e) {
                        Log.errorf("cannot apply %s after %d attempts (%s): dead-lettering it", what,
                                RECORD_ATTEMPTS, e.getClass().getSimpleName());
                        dead.add(new DeadLetter(record, "cannot apply: " + Retries.errorKinds(e), e.getClass().getName()));
                    }
                }
            }
        }
        deadLetters.send(dead);
    }
}
