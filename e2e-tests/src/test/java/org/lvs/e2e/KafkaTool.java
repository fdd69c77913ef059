package org.lvs.e2e;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ConsumerGroupDescription;
import org.apache.kafka.clients.admin.ConsumerGroupListing;
import org.apache.kafka.clients.admin.ListOffsetsResult;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

/** What the checker needs from a broker: raw sends, whole-topic reads, and every consumer group's lag. */
public final class KafkaTool implements AutoCloseable {

    private final String bootstrap;
    private final Admin admin;

    public KafkaTool(String bootstrap) {
        this.bootstrap = bootstrap;
        Properties props = new Properties();
        props.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        props.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, "15000");
        props.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, "30000");
        this.admin = Admin.create(props);
    }

    /** A record as read back: key and value as bytes turned to text (UTF-8), headers as text. */
    public record Raw(
            String topic, int partition, long offset, String key, String value, Map<String, String> headers) {}

    /** Sends records and waits for the broker's acknowledgement of each. */
    public void send(String topic, Map<String, String> keyToValue) {
        Properties props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        props.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        props.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(props)) {
            for (Map.Entry<String, String> record : keyToValue.entrySet()) {
                producer.send(new ProducerRecord<>(topic, record.getKey(), record.getValue()))
                        .get(60, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("cannot send to " + topic + ": " + e, e);
        }
    }

    public Set<String> topics() {
        return get(admin.listTopics().names());
    }

    /** Every record of the topic from the beginning to its end as it is now. */
    public List<Raw> readAll(String topic) {
        Map<TopicPartition, Long> starts = new HashMap<>();
        partitionsOf(List.of(topic)).forEach(p -> starts.put(p, 0L));
        return readFrom(starts);
    }

    /** The end offset of every partition of these topics now: a mark to {@link #readFrom} later. */
    public Map<TopicPartition, Long> endOffsetsOf(Collection<String> topics) {
        return endOffsets(partitionsOf(topics));
    }

    /** Every record from these offsets to the partitions' ends as they are now. */
    public List<Raw> readFrom(Map<TopicPartition, Long> starts) {
        List<TopicPartition> partitions = List.copyOf(starts.keySet());
        Map<TopicPartition, Long> ends = endOffsets(partitions);
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        props.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, "5000");
        props.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        props.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        List<Raw> records = new ArrayList<>();
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(props)) {
            consumer.assign(partitions);
            starts.forEach(consumer::seek);
            long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(5);
            while (!reachedEnd(consumer, ends)) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("could not read " + partitions + " to the end within 5 minutes");
                }
                for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(500))) {
                    Map<String, String> headers = new HashMap<>();
                    record.headers().forEach(h -> headers.put(h.key(), h.value() == null ? null : text(h.value())));
                    records.add(new Raw(
                            record.topic(),
                            record.partition(),
                            record.offset(),
                            record.key() == null ? null : text(record.key()),
                            record.value() == null ? null : text(record.value()),
                            headers));
                }
            }
        }
        return records;
    }

    private static boolean reachedEnd(KafkaConsumer<?, ?> consumer, Map<TopicPartition, Long> ends) {
        for (Map.Entry<TopicPartition, Long> end : ends.entrySet()) {
            if (consumer.position(end.getKey()) < end.getValue()) {
                return false;
            }
        }
        return true;
    }

    /** Lag per consumer group and partition (end offset minus committed offset; no commit counts from 0). */
    public Map<String, Map<TopicPartition, Long>> lagByGroup() {
        Collection<ConsumerGroupListing> listings =
                get(admin.listConsumerGroups().all());
        List<String> groups =
                listings.stream().map(ConsumerGroupListing::groupId).sorted().toList();
        Map<String, Map<TopicPartition, Long>> lag = new TreeMap<>();
        if (groups.isEmpty()) {
            return lag;
        }
        Map<String, ConsumerGroupDescription> descriptions =
                get(admin.describeConsumerGroups(groups).all());
        for (String group : groups) {
            Map<TopicPartition, OffsetAndMetadata> committed =
                    get(admin.listConsumerGroupOffsets(group).partitionsToOffsetAndMetadata());
            Set<String> topics =
                    committed.keySet().stream().map(TopicPartition::topic).collect(Collectors.toSet());
            descriptions
                    .get(group)
                    .members()
                    .forEach(m -> m.assignment().topicPartitions().forEach(tp -> topics.add(tp.topic())));
            if (topics.isEmpty()) {
                continue;
            }
            List<TopicPartition> partitions = new ArrayList<>();
            get(admin.describeTopics(topics).allTopicNames())
                    .forEach((topic, d) ->
                            d.partitions().forEach(p -> partitions.add(new TopicPartition(topic, p.partition()))));
            Map<TopicPartition, Long> ends = endOffsets(partitions);
            Map<TopicPartition, Long> groupLag =
                    new TreeMap<>((a, b) -> a.toString().compareTo(b.toString()));
            for (TopicPartition partition : partitions) {
                OffsetAndMetadata offset = committed.get(partition);
                groupLag.put(partition, ends.get(partition) - (offset == null ? 0 : offset.offset()));
            }
            lag.put(group, groupLag);
        }
        return lag;
    }

    /** Groups with lag, as "group topic-partition=lag" lines; empty when every group has consumed everything. */
    public List<String> laggingPartitions() {
        List<String> lagging = new ArrayList<>();
        lagByGroup()
                .forEach((group, partitions) -> partitions.forEach((partition, lag) -> {
                    if (lag != 0) {
                        lagging.add(group + " " + partition + "=" + lag);
                    }
                }));
        return lagging;
    }

    /** Groups that have committed offsets on the topic. */
    public Set<String> groupsReading(String topic) {
        Set<String> readers = new java.util.TreeSet<>();
        lagByGroup().forEach((group, partitions) -> {
            if (partitions.keySet().stream().anyMatch(p -> p.topic().equals(topic))) {
                readers.add(group);
            }
        });
        return readers;
    }

    private List<TopicPartition> partitionsOf(Collection<String> topics) {
        List<TopicPartition> partitions = new ArrayList<>();
        get(admin.describeTopics(topics).allTopicNames())
                .forEach((topic, d) ->
                        d.partitions().forEach(p -> partitions.add(new TopicPartition(topic, p.partition()))));
        return partitions;
    }

    private Map<TopicPartition, Long> endOffsets(List<TopicPartition> partitions) {
        Map<TopicPartition, OffsetSpec> request = new HashMap<>();
        partitions.forEach(p -> request.put(p, OffsetSpec.latest()));
        Map<TopicPartition, ListOffsetsResult.ListOffsetsResultInfo> result =
                get(admin.listOffsets(request).all());
        Map<TopicPartition, Long> ends = new HashMap<>();
        result.forEach((p, info) -> ends.put(p, info.offset()));
        return ends;
    }

    private static String text(byte[] bytes) {
        return new String(bytes, java.nio.charset.StandardCharsets.UTF_8);
    }

    private static <T> T get(org.apache.kafka.common.KafkaFuture<T> future) {
        try {
            return future.get(60, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("broker request failed: " + e, e);
        }
    }

    @Override
    public void close() {
        admin.close(Duration.ofSeconds(5));
    }
}
