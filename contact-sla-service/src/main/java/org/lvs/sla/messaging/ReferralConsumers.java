package org.lvs.sla.messaging;

import io.smallrye.common.annotation.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.function.Function;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.lvs.commons.messaging.consumer.BatchConsumer;
import org.lvs.commons.messaging.consumer.BatchConsumers;
import org.lvs.contract.Topics;
import org.lvs.contract.event.EventEnvelope;
import org.lvs.contract.event.EventJson;
import org.lvs.contract.event.EventTypes;
import org.lvs.sla.service.DecisionIntake;

/**
 * Reads decisions ({@code referrals.triaged}) and received referrals ({@code referrals.received}), a poll at a time
 * applied in one transaction, through the commons {@link BatchConsumer}: transient failures are waited out, a record
 * that can never be applied goes to its topic's {@code .dlq} alone, and a poll's offsets are committed only after its
 * transaction committed. The processed-event log makes a redelivery harmless.
 */
@ApplicationScoped
public class ReferralConsumers {

    /** Channel names; application.properties binds them to the topics. */
    public static final String TRIAGED = "triaged";
    public static final String RECEIVED = "received";
    /** The consumer group of both channels, named in dead letters. */
    public static final String GROUP = "contact-sla-service";

    private final BatchConsumer<DecisionIntake.Decided> decided;
    private final BatchConsumer<DecisionIntake.Received> received;

    ReferralConsumers(DecisionIntake intake, BatchConsumers consumers) {
        this.decided = consumers.create(Topics.REFERRALS_TRIAGED, GROUP,
                record -> decode(record, EventTypes.REFERRAL_DECIDED, DecisionIntake::decidedOf),
                intake::applyDecisions);
        this.received = consumers.create(Topics.REFERRALS_RECEIVED, GROUP,
                record -> decode(record, EventTypes.REFERRAL_RECEIVED, DecisionIntake::receivedOf),
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

    /** Another event type on the topic is none of this service's business: skipped (null). */
    private static <T> T decode(ConsumerRecord<String, String> record, String type,
            Function<EventEnvelope, T> read) {
        EventEnvelope envelope = EventJson.read(record.value());
        return type.equals(envelope.type()) ? read.apply(envelope) : null;
    }
}
