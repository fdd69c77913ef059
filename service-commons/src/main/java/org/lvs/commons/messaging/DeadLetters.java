package org.lvs.commons.messaging;

import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.lvs.contract.Topics;

/**
 * Dead-letters single records of a polled batch to {@code <topic>.dlq}, with the headers SmallRye's own
 * dead-letter strategy writes ({@code dead-letter-reason}, the exception class, and where the record came from). A
 * channel's {@code failure-strategy=dead-letter-queue} would dead-letter the whole batch; consumers that apply a poll
 * in one transaction send only the records that failed through here, and carry on with the rest. Returns once the
 * broker acknowledged every letter, so the batch's offsets are committed only after that.
 */
@ApplicationScoped
public class DeadLetters {

    public static final String REASON = "dead-letter-reason";

    /** A record to dead-letter and why; the reason must never quote the record's content (it may be personal). */
    public record DeadLetter(ConsumerRecord<String, String> record, String reason, String exceptionClass) {
    }

    private final EventPublisher publisher;

    DeadLetters(EventPublisher publisher) {
        this.publisher = publisher;
    }

    public void send(List<DeadLetter> letters) {
        if (!letters.isEmpty()) {
            publisher.sendAndAwait(letters.stream().map(DeadLetters::toRecord).toList());
        }
    }

    static ProducerRecord<String, String> toRecord(DeadLetter letter) {
        ConsumerRecord<String, String> record = letter.record();
        RecordHeaders headers = new RecordHeaders();
        headers.add(REASON, bytes(letter.reason()));
        headers.add("dead-letter-exception-class-name", bytes(letter.exceptionClass()));
        headers.add("dead-letter-topic", bytes(record.topic()));
        headers.add("dead-letter-partition", bytes(Integer.toString(record.partition())));
        headers.add("dead-letter-offset", bytes(Long.toString(record.offset())));
        return new ProducerRecord<>(Topics.dlq(record.topic()), null, record.key(), record.value(), headers);
    }

    private static byte[] bytes(String value) {
        return (value == null ? "" : value).getBytes(StandardCharsets.UTF_8);
    }
}
