package org.lvs.infra.test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.lvs.contract.event.EventEnvelope;
import org.lvs.contract.event.EventJson;

/**
 * Reads and writes a real topic in tests. {@link #open} starts at the end of the topic, so a test sees only the
 * records that arrive after it opened the probe; {@link #fromBeginning} sees everything.
 */
public final class TopicProbe implements AutoCloseable {

    private static KafkaProducer<String, String> producer;

    private final KafkaConsumer<String, String> consumer;

    private TopicProbe(String topic, boolean fromEnd) {
        Properties props = new Properties();
        props.put(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
                TestInfrastructure.get().kafkaBootstrap());
        props.put(ConsumerConfig.GROUP_ID_CONFIG, "probe-" + UUID.randomUUID());
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        props.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        props.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        consumer = new KafkaConsumer<>(props);
        List<TopicPartition> partitions = new ArrayList<>();
        for (PartitionInfo info : consumer.partitionsFor(topic, Duration.ofSeconds(30))) {
            partitions.add(new TopicPartition(topic, info.partition()));
        }
        consumer.assign(partitions);
        if (fromEnd) {
            consumer.seekToEnd(partitions);
        } else {
            consumer.seekToBeginning(partitions);
        }
        partitions.forEach(consumer::position); // resolve the positions now, not at the first poll
    }

    public static TopicProbe open(String topic) {
        return new TopicProbe(topic, true);
    }

    public static TopicProbe fromBeginning(String topic) {
        return new TopicProbe(topic, false);
    }

    /** Waits for {@code count} records (or fewer when the timeout passes) and returns what arrived. */
    public List<ConsumerRecord<String, String>> awaitRecords(int count, Duration timeout) {
        List<ConsumerRecord<String, String>> records = new ArrayList<>();
        Instant deadline = Instant.now().plus(timeout);
        while (records.size() < count && Instant.now().isBefore(deadline)) {
            consumer.poll(Duration.ofMillis(200)).forEach(records::add);
        }
        return records;
    }

    public List<EventEnvelope> awaitEnvelopes(int count, Duration timeout) {
        return awaitRecords(count, timeout).stream()
                .map(r -> EventJson.read(r.value()))
                .toList();
    }

    /** Everything that arrives within {@code quietPeriod}: to prove that nothing (more) was published. */
    public List<ConsumerRecord<String, String>> drain(Duration quietPeriod) {
        return awaitRecords(Integer.MAX_VALUE, quietPeriod);
    }

    /** Sends a raw record (an upstream event or a poison message) and waits for the broker's acknowledgement. */
    public static synchronized void send(String topic, String key, String value) {
        if (producer == null) {
            Properties props = new Properties();
            props.put(
                    ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
                    TestInfrastructure.get().kafkaBootstrap());
            props.put(ProducerConfig.ACKS_CONFIG, "all");
            props.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
            props.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
            producer = new KafkaProducer<>(props);
        }
        try {
            producer.send(new ProducerRecord<>(topic, key, value)).get(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("cannot send to " + topic, e);
        }
    }

    /** Sends an envelope as its JSON. */
    public static void send(String topic, String key, EventEnvelope envelope) {
        send(topic, key, envelope.toJson());
    }

    @Override
    public void close() {
        consumer.close(Duration.ofSeconds(5));
    }
}
