package org.lvs.metrics.messaging;

import io.quarkus.runtime.Startup;
import io.smallrye.reactive.messaging.annotations.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.lvs.commons.messaging.consumer.BatchConsumer;
import org.lvs.commons.messaging.consumer.BatchConsumers;
import org.lvs.contract.Topics;
import org.lvs.metrics.service.EventApplier;
import org.lvs.metrics.service.EventApplier.BatchResult;
import org.lvs.metrics.service.EventApplier.Decoded;
import org.lvs.metrics.service.EventDecoder;
import org.lvs.metrics.service.MetricsGauges;

/**
 * Reads the long-lived topics ({@code referrals.intake}, {@code referrals.triaged}, {@code cases.events} and
 * {@code cases.erasures}) into the fact tables, a poll at a time in one transaction, through the commons
 * {@link BatchConsumer}: transient failures are waited out, an event that can never be applied goes to its topic's
 * {@code .dlq} alone, and a poll's offsets are committed only after its facts committed. The processed-event log
 * makes a redelivery harmless, and the facts do not depend on the order events arrive in.
 *
 * <p>Polls of one channel are applied concurrently ({@code ordered = false}): every write of a batch takes its locks
 * in key order (batches sharing referrals wait, never deadlock), and the connector still commits offsets only below
 * the oldest unfinished record.
 */
// Made at start-up, not at the first record: its consumers' health gauges and dead-letter counters must exist (at 0)
// before anything arrives, so a dead channel or the first dead letter is seen by the alerts.
@Startup
@ApplicationScoped
public class FactConsumers {

    /**
     * The worker pool the channels apply polls on; its {@code max-concurrency} (application.properties) keeps
     * concurrent batch transactions well under the datasource's connection pool.
     */
    static final String APPLY_POOL = "metrics-apply";

    private final BatchConsumer<Decoded> intake;
    private final BatchConsumer<Decoded> triaged;
    private final BatchConsumer<Decoded> caseEvents;
    private final BatchConsumer<Decoded> erasures;

    FactConsumers(EventApplier applier, MetricsGauges gauges, BatchConsumers consumers) {
        this.intake = create(consumers, Topics.REFERRALS_INTAKE, applier, gauges);
        this.triaged = create(consumers, Topics.REFERRALS_TRIAGED, applier, gauges);
        this.caseEvents = create(consumers, Topics.CASES_EVENTS, applier, gauges);
        this.erasures = create(consumers, Topics.CASES_ERASURES, applier, gauges);
    }

    private static BatchConsumer<Decoded> create(
            BatchConsumers consumers, String topic, EventApplier applier, MetricsGauges gauges) {
        return consumers.create(
                topic,
                Channels.GROUP,
                record -> EventDecoder.read(topic, record.value(), publishedAt(record)),
                (List<Decoded> batch) -> {
                    BatchResult result = applier.applyBatch(topic, batch);
                    gauges.counted(topic, result.applied(), result.duplicates());
                });
    }

    @Incoming(Channels.INTAKE)
    @Blocking(value = APPLY_POOL, ordered = false)
    public void intake(ConsumerRecords<String, String> records) {
        intake.consume(records);
    }

    @Incoming(Channels.TRIAGED)
    @Blocking(value = APPLY_POOL, ordered = false)
    public void triaged(ConsumerRecords<String, String> records) {
        triaged.consume(records);
    }

    @Incoming(Channels.CASE_EVENTS)
    @Blocking(value = APPLY_POOL, ordered = false)
    public void caseEvents(ConsumerRecords<String, String> records) {
        caseEvents.consume(records);
    }

    /** Erasures blank the erased referrals' source references in every fact (issue 11). */
    @Incoming(Channels.ERASURES)
    @Blocking(value = APPLY_POOL, ordered = false)
    public void erasures(ConsumerRecords<String, String> records) {
        erasures.consume(records);
    }

    private static Instant publishedAt(ConsumerRecord<String, String> record) {
        return record.timestamp() < 0 ? null : Instant.ofEpochMilli(record.timestamp());
    }
}
