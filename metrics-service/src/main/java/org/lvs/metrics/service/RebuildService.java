package org.lvs.metrics.service;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.jboss.logging.Logger;
import org.lvs.commons.problem.ProblemException;
import org.lvs.contract.Topics;
import org.lvs.contract.event.EventJson;
import org.lvs.metrics.config.MetricsConfig;
import org.lvs.metrics.persistence.FactStore;

/**
 * Rebuilds every figure from the long-lived topics: empties the fact tables and the processed-event log, then reads
 * {@code referrals.intake}, {@code referrals.triaged} and {@code cases.events} from offset 0 up to the end offsets
 * taken right after the truncation, with a fresh group-less consumer, applying each event as the live consumers do.
 * The live channels keep running: what they apply after the truncation is newer than the snapshot, and anything
 * both read is skipped once by the processed-event log.
 */
@ApplicationScoped
public class RebuildService {

    public static final List<String> TOPICS = List.of(Topics.REFERRALS_INTAKE, Topics.REFERRALS_TRIAGED,
            Topics.CASES_EVENTS);

    private static final Logger LOG = Logger.getLogger(RebuildService.class);

    public enum State { IDLE, RUNNING, DONE, FAILED }

    public record Status(UUID rebuildId, State state, Instant startedAt, Instant finishedAt, long recordsRead,
            long eventsApplied, long recordsSkipped, String error) {
    }

    private final AtomicReference<Status> status =
            new AtomicReference<>(new Status(null, State.IDLE, null, null, 0, 0, 0, null));
    private final ExecutorService executor = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "metrics-rebuild");
        t.setDaemon(true);
        return t;
    });

    @Inject
    FactStore facts;

    @Inject
    EventApplier applier;

    @Inject
    MetricsChanges changes;

    @Inject
    MetricsConfig config;

    @Inject
    Clock clock;

    public Status status() {
        return status.get();
    }

    /** Starts a rebuild; 409 while one is running. */
    public synchronized Status start() {
        if (status.get().state() == State.RUNNING) {
            throw ProblemException.conflict("a rebuild is already running");
        }
        Status started = new Status(UUID.randomUUID(), State.RUNNING, clock.instant(), null, 0, 0, 0, null);
        status.set(started);
        facts.truncateAll(EventApplier.CONSUMER);
        changes.bump();
        executor.submit(() -> replay(started));
        return started;
    }

    private void replay(Status started) {
        long read = 0;
        long applied = 0;
        long skipped = 0;
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(consumerProperties())) {
            List<TopicPartition> partitions = new ArrayList<>();
            for (String topic : TOPICS) {
                for (PartitionInfo info : consumer.partitionsFor(topic, Duration.ofSeconds(30))) {
                    partitions.add(new TopicPartition(topic, info.partition()));
                }
            }
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
            while (!reachedEnd(consumer, end)) {
                // a poll's events applied per topic in one transaction each, as the live consumers do
                Map<String, List<EventApplier.Decoded>> byTopic = new HashMap<>();
                for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(500))) {
                    if (record.offset() >= end.get(new TopicPartition(record.topic(), record.partition()))) {
                        continue;
                    }
                    read++;
                    try {
                        byTopic.computeIfAbsent(record.topic(), t -> new ArrayList<>()).add(EventApplier.decode(
                                record.topic(), EventJson.read(record.value()),
                                Instant.ofEpochMilli(record.timestamp())));
                    } catch (RuntimeException e) {
                        // already dead-lettered by the live consumer when it first met it
                        skipped++;
                    }
                }
                for (Map.Entry<String, List<EventApplier.Decoded>> batch : byTopic.entrySet()) {
                    applied += applier.applyBatch(batch.getKey(), batch.getValue()).applied();
                }
                status.set(new Status(started.rebuildId(), State.RUNNING, started.startedAt(), null, read, applied,
                        skipped, null));
            }
            status.set(new Status(started.rebuildId(), State.DONE, started.startedAt(), clock.instant(), read,
                    applied, skipped, null));
            LOG.infof("metrics rebuild done: %d records read, %d events applied, %d skipped", read, applied,
                    skipped);
        } catch (RuntimeException e) {
            LOG.errorf("metrics rebuild failed: %s", e.getMessage());
            status.set(new Status(started.rebuildId(), State.FAILED, started.startedAt(), clock.instant(), read,
                    applied, skipped, e.getClass().getSimpleName() + ": " + e.getMessage()));
        }
        changes.bump();
    }

    private static boolean reachedEnd(KafkaConsumer<String, String> consumer, Map<TopicPartition, Long> end) {
        for (Map.Entry<TopicPartition, Long> e : end.entrySet()) {
            if (consumer.position(e.getKey()) < e.getValue()) {
                return false;
            }
        }
        return true;
    }

    private Properties consumerProperties() {
        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, config.kafkaBootstrap());
        p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        p.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, "1000");
        p.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        p.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        p.put(ConsumerConfig.CLIENT_ID_CONFIG, "metrics-rebuild");
        return p;
    }

    @PreDestroy
    void stop() {
        executor.shutdownNow();
    }
}
