package org.lvs.metrics.messaging;

import io.smallrye.reactive.messaging.annotations.Blocking;
import io.smallrye.reactive.messaging.kafka.api.IncomingKafkaRecordMetadata;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Instant;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.lvs.contract.Topics;
import org.jboss.logging.Logger;
import org.lvs.contract.event.EventEnvelope;
import org.lvs.contract.event.EventJson;
import org.lvs.contract.event.MalformedEventException;
import org.lvs.metrics.service.EventApplier;
import org.lvs.metrics.service.MetricsGauges;

/**
 * Reads the three long-lived topics into the fact tables. A record that is not an event (or fails to apply) throws,
 * and the channel's dead-letter-queue strategy moves it to {@code <topic>.dlq}; the offset is committed only after
 * the transaction, so nothing is lost.
 *
 * <p>Records are applied concurrently ({@code ordered = false}): the facts do not depend on the order events are
 * applied in (that is their point), and the connector still commits offsets only below the oldest unfinished record.
 */
@ApplicationScoped
public class FactConsumers {

    private static final Logger LOG = Logger.getLogger(FactConsumers.class);
    private static final long MAX_RETRY_MILLIS = 60_000;

    @Inject
    EventApplier applier;

    @Inject
    MetricsGauges gauges;

    @Incoming(Channels.INTAKE)
    @Blocking(ordered = false)
    public void intake(String value, IncomingKafkaRecordMetadata<String, String> metadata) {
        apply(Topics.REFERRALS_INTAKE, value, metadata);
    }

    @Incoming(Channels.TRIAGED)
    @Blocking(ordered = false)
    public void triaged(String value, IncomingKafkaRecordMetadata<String, String> metadata) {
        apply(Topics.REFERRALS_TRIAGED, value, metadata);
    }

    @Incoming(Channels.CASE_EVENTS)
    @Blocking(ordered = false)
    public void caseEvents(String value, IncomingKafkaRecordMetadata<String, String> metadata) {
        apply(Topics.CASES_EVENTS, value, metadata);
    }

    private void apply(String topic, String value, IncomingKafkaRecordMetadata<String, String> metadata) {
        Instant publishedAt = metadata == null ? null : metadata.getTimestamp();
        EventEnvelope envelope = EventJson.read(value); // not an event: straight to the dead letters
        boolean applied = retrying(() -> applier.apply(topic, envelope, publishedAt));
        gauges.counted(topic, applied);
    }

    /**
     * A good event that fails to apply (the database briefly away) is retried with backoff rather than dead-lettered;
     * after about a minute of failures it goes to the DLQ like a bad one, so one poisoned event cannot stall the feed.
     */
    static <T> T retrying(java.util.function.Supplier<T> action) {
        long backoffMillis = 200;
        long waitedMillis = 0;
        while (true) {
            try {
                return action.get();
            } catch (MalformedEventException e) {
                throw e;
            } catch (RuntimeException e) {
                if (waitedMillis >= MAX_RETRY_MILLIS) {
                    throw e;
                }
                LOG.warnf("applying an event failed (%s); retrying in %d ms", e.getClass().getSimpleName(),
                        backoffMillis);
                try {
                    Thread.sleep(backoffMillis);
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    throw e;
                }
                waitedMillis += backoffMillis;
                backoffMillis = Math.min(backoffMillis * 2, 5_000);
            }
        }
    }
}
