package org.lvs.sla.support;

import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.lvs.contract.Topics;
import org.lvs.contract.event.EventEnvelope;
import org.lvs.contract.event.EventJson;
import org.lvs.infra.test.LvsTestResources;

/**
 * Everything contact-sla-service published on {@code cases.events} and {@code cases.erasures}, read from the real
 * topics by one background consumer for the whole test JVM. The outbox relay deletes a row once the broker took it,
 * so tests count events where they end up: {@link #of} first waits until the case has nothing left in the outbox and
 * this reader has caught up with the topics' ends, so a count is final, not a snapshot of a relay in flight.
 */
public final class CaseEvents {

    private static final List<String> TOPICS = List.of(Topics.CASES_EVENTS, Topics.CASES_ERASURES);
    private static final Duration WAIT = Duration.ofSeconds(60);
    private static CaseEvents instance;

    private final Map<String, List<ConsumerRecord<String, String>>> byKey = new ConcurrentHashMap<>();
    private final Map<TopicPartition, Long> positions = new ConcurrentHashMap<>();
    private final KafkaConsumer<String, String> offsets;

    private CaseEvents() {
        offsets = new KafkaConsumer<>(props());
        KafkaConsumer<String, String> reader = new KafkaConsumer<>(props());
        List<TopicPartition> partitions = partitions(reader);
        reader.assign(partitions);
        reader.seekToBeginning(partitions);
        Thread thread = new Thread(
                () -> {
                    while (true) {
                        for (ConsumerRecord<String, String> r : reader.poll(Duration.ofMillis(100))) {
                            byKey.computeIfAbsent(r.key() == null ? "" : r.key(), k -> new ArrayList<>())
                                    .add(r);
                        }
                        partitions.forEach(p -> positions.put(p, reader.position(p)));
                    }
                },
                "case-events-reader");
        thread.setDaemon(true);
        thread.start();
    }

    private static synchronized CaseEvents get() {
        if (instance == null) {
            instance = new CaseEvents();
        }
        return instance;
    }

    /** The case's events on cases.events, in topic order, once its outbox is empty and the reader caught up. */
    public static List<EventEnvelope> of(UUID referralId) {
        return records(referralId, Topics.CASES_EVENTS).stream()
                .map(r -> EventJson.read(r.value()))
                .toList();
    }

    /** The referral's records on a topic (cases.events or cases.erasures), once everything is published and read. */
    public static List<ConsumerRecord<String, String>> records(UUID referralId, String topic) {
        CaseEvents events = get();
        await().atMost(WAIT)
                .pollInterval(Duration.ofMillis(100))
                .until(() ->
                        Api.count("select count(*) from sla.outbox_event where record_key = ?", referralId.toString())
                                == 0);
        events.catchUp();
        return List.copyOf(events.byKey.getOrDefault(referralId.toString(), List.of())).stream()
                .filter(r -> r.topic().equals(topic))
                .toList();
    }

    /** How many events of a type the case published on cases.events. */
    public static int count(UUID referralId, String type) {
        return (int) of(referralId).stream().filter(e -> type.equals(e.type())).count();
    }

    /** Every record read so far from both topics (call {@link #records} first to be sure a case is complete). */
    public static List<ConsumerRecord<String, String>> all() {
        CaseEvents events = get();
        events.catchUp();
        List<ConsumerRecord<String, String>> all = new ArrayList<>();
        events.byKey.values().forEach(list -> all.addAll(List.copyOf(list)));
        return all;
    }

    private void catchUp() {
        Map<TopicPartition, Long> ends;
        synchronized (offsets) {
            ends = new HashMap<>(offsets.endOffsets(positionsKeys()));
        }
        await().atMost(WAIT)
                .pollInterval(Duration.ofMillis(50))
                .until(() ->
                        ends.entrySet().stream().allMatch(e -> positions.getOrDefault(e.getKey(), 0L) >= e.getValue()));
    }

    private List<TopicPartition> positionsKeys() {
        synchronized (offsets) {
            return partitions(offsets);
        }
    }

    private static List<TopicPartition> partitions(KafkaConsumer<String, String> consumer) {
        List<TopicPartition> partitions = new ArrayList<>();
        for (String topic : TOPICS) {
            for (PartitionInfo info : consumer.partitionsFor(topic, Duration.ofSeconds(30))) {
                partitions.add(new TopicPartition(topic, info.partition()));
            }
        }
        return partitions;
    }

    private static Properties props() {
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, LvsTestResources.kafkaBootstrap());
        props.put(ConsumerConfig.GROUP_ID_CONFIG, "sla-test-events-" + UUID.randomUUID());
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        props.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        props.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        return props;
    }
}
