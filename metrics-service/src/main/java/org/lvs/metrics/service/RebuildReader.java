package org.lvs.metrics.service;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.jboss.logging.Logger;
import org.lvs.commons.failure.Failure;
import org.lvs.commons.failure.FailureKind;
import org.lvs.commons.failure.Failures;
import org.lvs.contract.event.EventJson;
import org.lvs.metrics.config.MetricsConfig;
import org.lvs.metrics.service.EventApplier.Decoded;

/**
 * One rebuild's reader: reads the topics from offset 0 up to the end offsets it takes once the shadow tables exist,
 * with a group-less consumer, applies each poll to the shadow tables in short transactions, then swaps them in.
 *
 * <p>A record that cannot be read, or that the database refuses for good, was dead-lettered when the live consumer
 * met it: the reader skips it the same way, so both table sets hold the same events. A transient failure is waited
 * out for {@link MetricsConfig#rebuildTransientPatience()}; anything else fails the rebuild, and the live figures
 * stay as they were.
 */
final class RebuildReader {

    private static final Logger LOG = Logger.getLogger(RebuildReader.class);

    private final UUID rebuildId;
    private final Connection session;
    private final RebuildSteps steps;
    private final EventApplier applier;
    private final MetricsConfig config;
    private final Map<String, Object> brokerSecurity;
    private final Clock clock;
    private long read;
    private long applied;
    private long skipped;

    /** The run no longer runs (abandoned, or found interrupted): stop without swapping. */
    private static final class NoLongerRunning extends RuntimeException {
        NoLongerRunning() {
            super("the rebuild no longer runs", null, false, false);
        }
    }

    /**
     * The reader of one rebuild, holding its session lock through {@code session}.
     *
     * @param brokerSecurity how to reach the broker (security protocol, SASL, TLS), as the channels do
     */
    RebuildReader(
            UUID rebuildId,
            Connection session,
            RebuildSteps steps,
            EventApplier applier,
            MetricsConfig config,
            Map<String, Object> brokerSecurity,
            Clock clock) {
        this.rebuildId = rebuildId;
        this.session = session;
        this.steps = steps;
        this.applier = applier;
        this.config = config;
        this.brokerSecurity = brokerSecurity;
        this.clock = clock;
    }

    /** Runs the rebuild to its end; true when the rebuilt tables were swapped in. Releases the session lock. */
    boolean run() {
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(
                consumerProperties(brokerSecurity, config.kafkaBootstrap(), config.rebuildPollRecords(), rebuildId))) {
            List<TopicPartition> partitions = new ArrayList<>();
            for (String topic : RebuildService.TOPICS) {
                for (PartitionInfo info : consumer.partitionsFor(topic, Duration.ofSeconds(30))) {
                    partitions.add(new TopicPartition(topic, info.partition()));
                }
            }
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
            steps.recordEndOffsets(rebuildId, describe(end));
            while (!reachedEnd(consumer, end)) {
                checkSession();
                Map<String, List<Decoded>> byTopic = new LinkedHashMap<>();
                for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(500))) {
                    if (record.offset() >= end.get(new TopicPartition(record.topic(), record.partition()))) {
                        continue;
                    }
                    read++;
                    try {
                        byTopic.computeIfAbsent(record.topic(), t -> new ArrayList<>())
                                .add(EventDecoder.read(
                                        record.topic(), record.value(), Instant.ofEpochMilli(record.timestamp())));
                    } catch (RuntimeException e) {
                        skipped++; // unreadable: dead-lettered when the live consumer met it
                    }
                }
                for (Map.Entry<String, List<Decoded>> batch : byTopic.entrySet()) {
                    applyInParts(batch.getKey(), batch.getValue());
                }
                if (!steps.progress(rebuildId, read, applied, skipped, clock.instant())) {
                    throw new NoLongerRunning();
                }
            }
            checkSession();
            steps.analyzeShadowTables();
            if (!steps.swap(rebuildId, read, applied, skipped, clock.instant())) {
                throw new NoLongerRunning();
            }
            LOG.infof(
                    "metrics rebuild %s done: %d records read, %d events applied, %d skipped; swapped in",
                    rebuildId, read, applied, skipped);
            return true;
        } catch (NoLongerRunning e) {
            LOG.warnf("metrics rebuild %s stopped: it no longer runs (see its status); nothing was swapped", rebuildId);
            abandon("stopped: it no longer ran");
            return false;
        } catch (Throwable e) {
            String reason = "failed: " + Failures.kinds(e);
            LOG.errorf(
                    "metrics rebuild %s %s after %d records; the previous figures keep serving",
                    rebuildId, reason, read);
            abandon(reason);
            return false;
        } finally {
            RebuildService.release(session);
        }
    }

    private void abandon(String reason) {
        try {
            steps.abandon(rebuildId, reason, clock.instant());
        } catch (RuntimeException e) {
            // the session lock goes with the connection: the next status read marks the run FAILED
            LOG.errorf("metrics rebuild %s: cannot record its end (%s)", rebuildId, Failures.kinds(e));
        }
    }

    /** The rebuild's session must still hold its lock: without it, another reader may take the run for dead. */
    private void checkSession() throws SQLException {
        try (Statement statement = session.createStatement()) {
            statement.execute("SELECT 1");
        }
    }

    /**
     * Applies one topic's part of a poll to the shadow tables: all together, or, when a record is refused for good,
     * in halves down to that record, which is skipped.
     */
    private void applyInParts(String topic, List<Decoded> events) {
        Instant waitingSince = null;
        long backoffMillis = 200;
        while (true) {
            try {
                int fresh = applier.applyToShadow(rebuildId, topic, events);
                if (fresh < 0) {
                    throw new NoLongerRunning();
                }
                applied += fresh;
                return;
            } catch (NoLongerRunning e) {
                throw e;
            } catch (RuntimeException e) {
                Failure failure = Failures.classify(e);
                if (failure.kind() == FailureKind.TRANSIENT) {
                    Instant now = Instant.now();
                    waitingSince = waitingSince == null ? now : waitingSince;
                    if (Duration.between(waitingSince, now).compareTo(config.rebuildTransientPatience()) > 0) {
                        throw e;
                    }
                    LOG.warnf("metrics rebuild %s waits out a transient failure (%s)", rebuildId, failure.reason());
                    sleep(backoffMillis);
                    backoffMillis = Math.min(backoffMillis * 2, 15_000);
                } else if (failure.kind() == FailureKind.PERMANENT) {
                    if (events.size() == 1) {
                        skipped++; // refused for good: dead-lettered when the live consumer met it
                        return;
                    }
                    int half = events.size() / 2;
                    applyInParts(topic, events.subList(0, half));
                    applyInParts(topic, events.subList(half, events.size()));
                    return;
                } else {
                    throw e;
                }
            }
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("the rebuild was interrupted", e);
        }
    }

    private static boolean reachedEnd(KafkaConsumer<String, String> consumer, Map<TopicPartition, Long> end) {
        for (Map.Entry<TopicPartition, Long> e : end.entrySet()) {
            if (consumer.position(e.getKey()) < e.getValue()) {
                return false;
            }
        }
        return true;
    }

    private static String describe(Map<TopicPartition, Long> end) {
        Map<String, Long> offsets = new TreeMap<>();
        end.forEach((partition, offset) -> offsets.put(partition.toString(), offset));
        return EventJson.write(offsets);
    }

    /** A group-less consumer that reads only committed records; the broker's security settings come first. */
    static Properties consumerProperties(
            Map<String, Object> brokerSecurity, String bootstrap, int pollRecords, UUID rebuildId) {
        Properties p = new Properties();
        p.putAll(brokerSecurity);
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        p.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, Integer.toString(pollRecords));
        p.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        p.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        p.put(ConsumerConfig.CLIENT_ID_CONFIG, "metrics-rebuild-" + rebuildId);
        return p;
    }
}
