package org.lvs.commons.messaging;

import io.smallrye.common.annotation.Identifier;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.serialization.StringSerializer;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Publishes events and waits until the broker acknowledged every one of them ({@code acks=all}, idempotent
 * producer): what "a 202 means the broker has it" and the outbox relay rest on. Events of one call are sent together
 * and acknowledged together, so a batch costs a few round trips, not one per record.
 */
@ApplicationScoped
public class EventPublisher {

    private final Producer<String, String> producer;
    private final Duration timeout;

    /**
     * @param kafkaDefaults Quarkus' default Kafka client configuration ({@code kafka.*} properties and the
     *                      {@code KAFKA_*} environment: security protocol, SASL, truststore), so the producer reaches a
     *                      TLS/SCRAM broker exactly like the channels do
     */
    @Inject
    public EventPublisher(
            @ConfigProperty(name = "kafka.bootstrap.servers") String bootstrap,
            KafkaPublishConfig config,
            @Identifier("default-kafka-broker") Instance<Map<String, Object>> kafkaDefaults) {
        Properties props = new Properties();
        if (kafkaDefaults.isResolvable()) {
            props.putAll(KafkaClientSecurity.of(kafkaDefaults.get()));
        }
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
        props.put(ProducerConfig.LINGER_MS_CONFIG, "2");
        props.put(ProducerConfig.BATCH_SIZE_CONFIG, "262144");
        props.put(
                ProducerConfig.MAX_BLOCK_MS_CONFIG,
                Long.toString(config.maxBlock().toMillis()));
        props.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, "5000");
        props.put(
                ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG,
                Long.toString(Math.max(config.timeout().toMillis(), 7000)));
        props.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        props.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        props.put(ProducerConfig.CLIENT_ID_CONFIG, "lvs-publisher");
        this.producer = new KafkaProducer<>(props);
        this.timeout = config.timeout();
    }

    /** Sends every event and returns once the broker acknowledged all of them. */
    public void publishAndAwait(List<OutgoingEvent> events) {
        sendAndAwait(events.stream()
                .map(e -> new ProducerRecord<>(e.topic(), e.key(), e.event().json()))
                .toList());
    }

    /** Sends prepared records (e.g. dead letters with their headers) and waits for every acknowledgement. */
    public void sendAndAwait(List<ProducerRecord<String, String>> records) {
        List<Future<RecordMetadata>> acks = new ArrayList<>(records.size());
        try {
            for (ProducerRecord<String, String> record : records) {
                acks.add(producer.send(record));
            }
            long deadline = System.nanoTime() + timeout.toNanos();
            for (Future<RecordMetadata> ack : acks) {
                ack.get(Math.max(1, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new PublishFailedException("interrupted while waiting for the broker", e);
        } catch (ExecutionException | TimeoutException | KafkaException e) {
            throw new PublishFailedException(
                    "the broker did not acknowledge: " + e.getClass().getSimpleName(), e);
        }
    }

    /**
     * Sends one record without waiting; a failure, also one the producer raises at once (metadata not available in
     * time, a record too large), comes back through the future.
     */
    public Future<RecordMetadata> send(ProducerRecord<String, String> record) {
        try {
            return producer.send(record);
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(e);
        }
    }

    /** How long a caller waits for the broker's acknowledgement. */
    public Duration timeout() {
        return timeout;
    }

    public void publishAndAwait(OutgoingEvent event) {
        publishAndAwait(List.of(event));
    }

    @PreDestroy
    void close() {
        producer.close(Duration.ofSeconds(5));
    }
}
