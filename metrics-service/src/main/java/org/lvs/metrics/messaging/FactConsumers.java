package org.lvs.metrics.messaging;

import io.smallrye.common.annotation.Blocking;
import io.smallrye.reactive.messaging.kafka.api.IncomingKafkaRecordMetadata;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Instant;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.lvs.contract.Topics;
import org.lvs.contract.event.EventJson;
import org.lvs.metrics.service.EventApplier;
import org.lvs.metrics.service.MetricsGauges;

/**
 * Reads the three long-lived topics into the fact tables. A record that is not an event (or fails to apply) throws,
 * and the channel's dead-letter-queue strategy moves it to {@code <topic>.dlq}; the offset is committed only after
 * the transaction, so nothing is lost.
 */
@ApplicationScoped
public class FactConsumers {

    @Inject
    EventApplier applier;

    @Inject
    MetricsGauges gauges;

    @Incoming(Channels.INTAKE)
    @Blocking
    public void intake(String value, IncomingKafkaRecordMetadata<String, String> metadata) {
        apply(Topics.REFERRALS_INTAKE, value, metadata);
    }

    @Incoming(Channels.TRIAGED)
    @Blocking
    public void triaged(String value, IncomingKafkaRecordMetadata<String, String> metadata) {
        apply(Topics.REFERRALS_TRIAGED, value, metadata);
    }

    @Incoming(Channels.CASE_EVENTS)
    @Blocking
    public void caseEvents(String value, IncomingKafkaRecordMetadata<String, String> metadata) {
        apply(Topics.CASES_EVENTS, value, metadata);
    }

    private void apply(String topic, String value, IncomingKafkaRecordMetadata<String, String> metadata) {
        Instant publishedAt = metadata == null ? null : metadata.getTimestamp();
        boolean applied = applier.apply(topic, EventJson.read(value), publishedAt);
        gauges.counted(topic, applied);
    }
}
