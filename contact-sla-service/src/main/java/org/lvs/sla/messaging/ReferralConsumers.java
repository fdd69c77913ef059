package org.lvs.sla.messaging;

import io.quarkus.runtime.Startup;
import io.smallrye.common.annotation.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.lvs.commons.messaging.TypedEventReader;
import org.lvs.commons.messaging.consumer.BatchConsumer;
import org.lvs.commons.messaging.consumer.BatchConsumers;
import org.lvs.contract.Topics;
import org.lvs.contract.event.EventTypes;
import org.lvs.contract.event.ReferralDecided;
import org.lvs.contract.event.ReferralReceived;
import org.lvs.sla.service.DecisionIntake;

/**
 * Reads decisions ({@code referrals.triaged}) and received referrals ({@code referrals.received}), a poll at a time
 * applied in one transaction, through the commons {@link BatchConsumer}: transient failures are waited out, a record
 * that can never be applied goes to its topic's {@code .dlq} alone, and a poll's offsets are committed only after its
 * transaction committed. Each referral's version tracker makes a redelivery harmless. {@link RecordReader} refuses
 * at the decode stage what can never be applied: an unreadable record, another event type, text no consumer can hold.
 * A record is first read in one pass ({@link TypedEventReader}); only what that pass does not vouch for is read the
 * contract's way, which is where refusals get their reasons.
 */
// Made at start-up, not at the first record: its consumers' health gauges and dead-letter counters must exist (at 0)
// before anything arrives, so a dead channel or the first dead letter is seen by the alerts.
@Startup
@ApplicationScoped
public class ReferralConsumers {

    /** Channel names; application.properties binds them to the topics. */
    public static final String TRIAGED = "triaged";

    public static final String RECEIVED = "received";
    /** The consumer group of both channels, named in dead letters. */
    public static final String GROUP = "contact-sla-service";

    private static final TypedEventReader<ReferralDecided> DECISIONS =
            new TypedEventReader<>(ReferralDecided.class, EventTypes.REFERRAL_DECIDED);
    private static final TypedEventReader<ReferralReceived> RECEIVED_REFERRALS =
            new TypedEventReader<>(ReferralReceived.class, EventTypes.REFERRAL_RECEIVED);

    private final BatchConsumer<DecisionIntake.Decided> decided;
    private final BatchConsumer<DecisionIntake.Received> received;

    ReferralConsumers(DecisionIntake intake, BatchConsumers consumers) {
        this.decided = consumers.create(
                Topics.REFERRALS_TRIAGED,
                GROUP,
                record -> DECISIONS
                        .read(record.value())
                        .map(t -> DecisionIntake.decidedOf(t.occurredAt(), t.payload()))
                        .orElseGet(
                                () -> DecisionIntake.decidedOf(RecordReader.read(record, EventTypes.REFERRAL_DECIDED))),
                intake::applyDecisions);
        this.received = consumers.create(
                Topics.REFERRALS_RECEIVED,
                GROUP,
                record -> RECEIVED_REFERRALS
                        .read(record.value())
                        .map(t -> DecisionIntake.receivedOf(t.payload()))
                        .orElseGet(() ->
                                DecisionIntake.receivedOf(RecordReader.read(record, EventTypes.REFERRAL_RECEIVED))),
                intake::applyReceived);
    }

    @Incoming(TRIAGED)
    @Blocking
    public void onDecided(ConsumerRecords<String, String> records) {
        decided.consume(records);
    }

    @Incoming(RECEIVED)
    @Blocking
    public void onReceived(ConsumerRecords<String, String> records) {
        received.consume(records);
    }
}
