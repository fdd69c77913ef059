package org.lvs.metrics.messaging;

import io.smallrye.reactive.messaging.annotations.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;
import org.lvs.contract.Topics;
import org.lvs.contract.event.EventJson;
import org.lvs.contract.event.MalformedEventException;
import org.lvs.commons.messaging.DeadLetters;
import org.lvs.commons.messaging.DeadLetters.DeadLetter;
import org.lvs.metrics.service.EventApplier;
import org.lvs.metrics.service.EventApplier.BatchResult;
import org.lvs.metrics.service.EventApplier.Decoded;
import org.lvs.metrics.service.MetricsGauges;

/**
 * Reads the three long-lived topics into the fact tables, a poll's batch at a time in one transaction. A batch's
 * offsets are committed only after its facts committed and its dead letters were acknowledged, so nothing is lost;
 * the processed-event log makes a redelivery harmless, and the facts do not depend on the order events arrive in.
 *
 * <p>A record that is not an applicable event is dead-lettered on its own (reason in the {@code dead-letter-reason}
 * header, never in the log) and the rest of the batch goes on. A failing batch transaction (the database away for a
 * moment, a deadlock) is retried with backoff; if it keeps failing, the batch's events are applied one by one, so
 * only an event that really fails is dead-lettered. Anything left over (the DLQ unreachable) fails the batch, which
 * the channel's {@code failure-strategy=dead-letter-queue} then handles as the last resort.
 *
 * <p>Batches of one channel are applied concurrently ({@code ordered = false}): the facts do not depend on the order
 * events are applied in, every write of a batch takes its locks in key order (batches sharing referrals wait, never
 * deadlock), and the connector still commits offsets only below the oldest unfinished record. Reading a batch
 * (JSON) overlaps writing the one before.
 */
@ApplicationScoped
public class FactConsumers {

    private static final Logger LOG = Logger.getLogger(FactConsumers.class);
    /** About a minute of retries before a batch is split: long enough for a database restart. */
    static final long BATCH_RETRY_MILLIS = 60_000;
    static final int RECORD_ATTEMPTS = 3;
    static final long FIRST_BACKOFF_MILLIS = 200;
    /**
     * The worker pool the three channels apply batches on; its {@code max-concurrency} (application.properties)
     * keeps concurrent batch transactions well under the datasource's connection pool.
     */
    static final String APPLY_POOL = "metrics-apply";

    @Inject
    EventApplier applier;

    @Inject
    MetricsGauges gauges;

    @Inject
    DeadLetters deadLetters;

    @Incoming(Channels.INTAKE)
    @Blocking(value = APPLY_POOL, ordered = false)
    public void intake(ConsumerRecords<String, String> records) {
        consume(Topics.REFERRALS_INTAKE, records);
    }

    @Incoming(Channels.TRIAGED)
    @Blocking(value = APPLY_POOL, ordered = false)
    public void triaged(ConsumerRecords<String, String> records) {
        consume(Topics.REFERRALS_TRIAGED, records);
    }

    @Incoming(Channels.CASE_EVENTS)
    @Blocking(value = APPLY_POOL, ordered = false)
    public void caseEvents(ConsumerRecords<String, String> records) {
        consume(Topics.CASES_EVENTS, records);
    }

    void consume(String topic, Iterable<ConsumerRecord<String, String>> records) {
        long received = System.nanoTime();
        List<ConsumerRecord<String, String>> readable = new ArrayList<>();
        List<Decoded> batch = new ArrayList<>();
        List<DeadLetter> dead = new ArrayList<>();
        for (ConsumerRecord<String, String> record : records) {
            try {
                batch.add(EventApplier.decode(topic, EventJson.read(record.value()), publishedAt(record)));
                readable.add(record);
            } catch (MalformedEventException e) {
                dead.add(new DeadLetter(record, e.getMessage(), e.getClass().getName()));
            } catch (RuntimeException e) {
                dead.add(new DeadLetter(record, "unreadable record: " + e.getClass().getSimpleName(),
                        e.getClass().getName()));
            }
        }
        if (!batch.isEmpty()) {
            try {
                long start = System.nanoTime();
                BatchResult result = retrying(BATCH_RETRY_MILLIS, Integer.MAX_VALUE,
                        () -> applier.applyBatch(topic, batch));
                gauges.counted(topic, result.applied(), result.duplicates());
                LOG.debugf("applied a batch of %d on %s (%d new): read in %d ms, written in %d ms", batch.size(),
                        topic, result.applied(), (start - received) / 1_000_000,
                        (System.nanoTime() - start) / 1_000_000);
            } catch (RuntimeException batchFailure) {
                LOG.warnf("a batch of %d events on %s keeps failing (%s); applying them one by one", batch.size(),
                        topic, batchFailure.getClass().getSimpleName());
                dead.addAll(applyOneByOne(topic, readable, batch));
            }
        }
        if (!dead.isEmpty()) {
            LOG.warnf("dead-lettering %d record(s) of %s (reason in the dead-letter-reason header)", dead.size(),
                    topic);
            deadLetters.send(dead);
        }
    }

    private static Instant publishedAt(ConsumerRecord<String, String> record) {
        return record.timestamp() < 0 ? null : Instant.ofEpochMilli(record.timestamp());
    }

    /** The fallback: each event in its own transaction; those that still fail become dead letters. */
    private List<DeadLetter> applyOneByOne(String topic, List<ConsumerRecord<String, String>> records,
            List<Decoded> batch) {
        List<DeadLetter> dead = new ArrayList<>();
        int applied = 0;
        int duplicates = 0;
        for (int i = 0; i < batch.size(); i++) {
            Decoded event = batch.get(i);
            try {
                if (retrying(0, RECORD_ATTEMPTS, () -> applier.apply(event))) {
                    applied++;
                } else {
                    duplicates++;
                }
            } catch (RuntimeException e) {
                dead.add(new DeadLetter(records.get(i), "could not be applied: " + e.getClass().getSimpleName(),
                        e.getClass().getName()));
            }
        }
        gauges.counted(topic, applied, duplicates);
        return dead;
    }

    /**
     * Runs the action until it succeeds, with doubling backoff (up to 5 s), for at most {@code maxAttempts} attempts
     * or until about {@code budgetMillis} of waiting (whichever comes first; a zero budget means attempts only).
     */
    static <T> T retrying(long budgetMillis, int maxAttempts, Supplier<T> action) {
        long backoffMillis = FIRST_BACKOFF_MILLIS;
        long waitedMillis = 0;
        for (int attempt = 1; ; attempt++) {
            try {
                return action.get();
            } catch (MalformedEventException e) {
                throw e;
            } catch (RuntimeException e) {
                boolean budgetSpent = budgetMillis > 0 && waitedMillis >= budgetMillis;
                if (attempt >= maxAttempts || budgetSpent) {
                    throw e;
                }
                LOG.warnf("applying events failed (%s); retrying in %d ms", e.getClass().getSimpleName(),
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
