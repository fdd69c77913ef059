package org.lvs.triage.messaging;

import io.quarkus.runtime.Startup;
import io.smallrye.common.annotation.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.lvs.commons.messaging.consumer.BatchConsumer;
import org.lvs.commons.messaging.consumer.BatchConsumers;
import org.lvs.contract.Topics;
import org.lvs.triage.domain.Erasure;
import org.lvs.triage.service.ErasureService;

/**
 * Applies the erasures read from {@code cases.erasures}, a poll at a time in one transaction, through the commons
 * {@link BatchConsumer} (transient failures waited out, a record that can never be applied to
 * {@code cases.erasures.dlq} alone). Applying an erasure twice changes nothing, so a redelivery is harmless.
 */
// Made at start-up, not at the first record: its consumers' health gauges and dead-letter counters must exist (at 0)
// before anything arrives, so a dead channel or the first dead letter is seen by the alerts.
@Startup
@ApplicationScoped
public class ErasureConsumer {

    private final BatchConsumer<Erasure> consumer;

    ErasureConsumer(ErasureService erasures, BatchConsumers consumers) {
        this.consumer = consumers.create(
                Topics.CASES_ERASURES,
                Channels.GROUP,
                record -> ErasureEvents.read(record.value()),
                erasures::eraseAll);
    }

    @Incoming(Channels.ERASURES)
    @Blocking
    public void consume(ConsumerRecords<String, String> records) {
        consumer.consume(records);
    }
}
