package org.lvs.commons.messaging;

import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.lvs.contract.Topics;

/**
 * Dead-letters single records to {@code <topic>.dlq}: the record as it was (key and value), with headers saying why,
 * where and by whom. The headers never quote the record: the reason names the kind of failure only (README, failure
 * policy). Returns once the broker acknowledged every letter, so offsets are committed only after that.
 */
@ApplicationScoped
public class DeadLetters {

    /** Why: the failure's kind and, for database errors, its SQLSTATE. */
    public static final String REASON = "dead-letter-reason";
    /** The exception classes down to the root cause (no messages). */
    public static final String CAUSE = "dead-letter-cause";
    /** The consumer group that gave up on the record. */
    public static final String GROUP = "dead-letter-group";
    /** Where it failed: {@code decode} (unreadable) or {@code apply} (refused while applying). */
    public static final String STAGE = "dead-letter-stage";

    public static final String TOPIC = "dead-letter-topic";
    public static final String PARTITION = "dead-letter-partition";
    public static final String OFFSET = "dead-letter-offset";
    /** When it was dead-lettered (ISO-8601). */
    public static final String AT = "dead-letter-at";
    /** Set on a record an operator replayed from a dead-letter topic. */
    public static final String REPLAYED_FROM = "lvs-replayed-from";

    /** A record to dead-letter and why; {@code reason} and {@code cause} never quote the record's content. */
    public record DeadLetter(
            ConsumerRecord<String, String> record, String group, String stage, String reason, String cause) {}

    private final EventPublisher publisher;
    private final Clock clock;

    DeadLetters(EventPublisher publisher, Clock clock) {
        this.publisher = publisher;
        this.clock = clock;
    }

    public void send(List<DeadLetter> letters) {
        if (!letters.isEmpty()) {
            publisher.sendAndAwait(letters.stream().map(this::toRecord).toList());
        }
    }

    ProducerRecord<String, String> toRecord(DeadLetter letter) {
        ConsumerRecord<String, String> record = letter.record();
        RecordHeaders headers = new RecordHeaders();
        for (Header header : record.headers()) {
            if (!header.key().startsWith("dead-letter-")) {
                headers.add(header);
            }
        }
        headers.add(REASON, bytes(letter.reason()));
        headers.add(CAUSE, bytes(letter.cause()));
        headers.add(GROUP, bytes(letter.group()));
        headers.add(STAGE, bytes(letter.stage()));
        headers.add(TOPIC, bytes(record.topic()));
        headers.add(PARTITION, bytes(Integer.toString(record.partition())));
        headers.add(OFFSET, bytes(Long.toString(record.offset())));
        headers.add(AT, bytes(clock.instant().toString()));
        return new ProducerRecord<>(Topics.dlq(record.topic()), null, record.key(), record.value(), headers);
    }

    private static byte[] bytes(String value) {
        return (value == null ? "" : value).getBytes(StandardCharsets.UTF_8);
    }
}
