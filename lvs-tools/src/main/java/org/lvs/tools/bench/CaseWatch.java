package org.lvs.tools.bench;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.lvs.contract.Topics;
import org.lvs.contract.event.EventTypes;

/**
 * Reads {@code cases.events} from its end as the bench starts and notes when each case was opened (its key is the
 * referral id), so latency from POST to case is measured on what the system publishes, without reading any case.
 */
final class CaseWatch implements AutoCloseable {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private final KafkaConsumer<String, String> consumer;
    private final Map<String, Long> openedAtNanos = new ConcurrentHashMap<>();
    private final Thread reader;
    private volatile boolean running = true;

    CaseWatch(String bootstrap, List<TopicPartition> partitions) {
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        props.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        props.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        consumer = new KafkaConsumer<>(props);
        consumer.assign(partitions);
        consumer.seekToEnd(partitions);
        partitions.forEach(consumer::position); // fix the start now, before the first referral is posted
        reader = new Thread(this::read, "bench-case-watch");
        reader.setDaemon(true);
        reader.start();
    }

    private void read() {
        while (running) {
            for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(200))) {
                if (record.key() != null && isCaseOpened(record.value())) {
                    openedAtNanos.putIfAbsent(record.key(), System.nanoTime());
                }
            }
        }
        consumer.close(Duration.ofSeconds(2));
    }

    /**
     * Reads the envelope's top-level fields only until {@code type}: the bench shares the stack's 2 cores, and a
     * whole tree for every case event cost it more than the answer needs.
     */
    static boolean isCaseOpened(String value) {
        try (JsonParser p = MAPPER.getFactory().createParser(value)) {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                return false;
            }
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String field = p.currentName();
                JsonToken token = p.nextToken();
                if (field.equals("type")) {
                    return token == JsonToken.VALUE_STRING && EventTypes.CASE_OPENED.equals(p.getText());
                }
                p.skipChildren();
            }
            return false;
        } catch (IOException e) {
            return false;
        }
    }

    /** The monotonic time the case of this referral was seen opened, or null. */
    Long openedAt(String referralId) {
        return openedAtNanos.get(referralId);
    }

    static String topic() {
        return Topics.CASES_EVENTS;
    }

    @Override
    public void close() throws InterruptedException {
        running = false;
        reader.join(5_000);
    }
}
