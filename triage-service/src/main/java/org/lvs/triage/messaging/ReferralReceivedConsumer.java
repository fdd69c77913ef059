package org.lvs.triage.messaging;

import io.quarkus.runtime.Startup;
import io.smallrye.common.annotation.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.lvs.commons.messaging.consumer.BatchConsumer;
import org.lvs.commons.messaging.consumer.BatchConsumers;
import org.lvs.contract.Topics;
import org.lvs.contract.event.ReferralReceived;
import org.lvs.triage.service.TriageService;

/**
 * Decides the referral versions read from {@code referrals.received}, a poll at a time in one transaction, through
 * the commons {@link BatchConsumer}: transient failures are waited out, a record that can never be decided goes to
 * {@code referrals.received.dlq} alone, and the poll's offsets are committed only after its decisions (and their
 * outbox events) committed. A redelivered version is not newer than the decision it made, so it changes nothing.
 */
// Made at start-up, not at the first record: its consumers' health gauges and dead-letter counters must exist (at 0)
// before anything arrives, so a dead channel or the first dead letter is seen by the alerts.
@Startup
@ApplicationScoped
public class ReferralReceivedConsumer {

    private final BatchConsumer<ReferralReceived> consumer;

    ReferralReceivedConsumer(TriageService triage, BatchConsumers consumers) {
        this.consumer = consumers.create(
                Topics.REFERRALS_RECEIVED,
                Channels.GROUP,
                record -> ReceivedEvents.read(record.value()),
                triage::decideAll);
    }

    @Incoming(Channels.RECEIVED)
    @Blocking
    public void consume(ConsumerRecords<String, String> records) {
        consumer.consume(records);
    }
}
