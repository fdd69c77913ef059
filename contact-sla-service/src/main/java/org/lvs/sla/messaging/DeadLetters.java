package org.lvs.sla.messaging;

import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.lvs.contract.Topics;

/**
 * Sends single records of a batch to the topic's dead-letter topic ({@code <topic>.dlq}) with the headers the connector's dead-letter
 * strategy writes ({@code dead-letter-reason} and where the record came from). The channel's own
 * {@code failure-strategy=dead-letter-queue} would dead-letter a whole batch; this one only the record that failed.
 * Returns once the broker acknowledged every record, so the batch's offsets are committed only after that.
 */
@ApplicationScoped
public class DeadLetters {

    public static final String REASON = "dead-letter-reason";
    static final Duration ACK_TIMEOUT = Duration.ofSeconds(30);
    /** Stays under the emitter's buffer (128 by default). */
    private static final int IN_FLIGHT = 100;

    /** A record to dead-letter and why; the reason must never quote the record's content. */
    public record DeadLetter(ConsumerRecord<String, String> record, String reason, String exceptionClass) {
    }

    private final MutinyEmitter<String> triagedDlq;
    private final MutinyEmitter<String> receivedDlq;

    DeadLetters(@Channel(ReferralConsumers.TRIAGED_DLQ) MutinyEmitter<String> triagedDlq,
            @Channel(ReferralConsumers.RECEIVED_DLQ) MutinyEmitter<String> receivedDlq) {
        this.triagedDlq = triagedDlq;
        this.receivedDlq = receivedDlq;
    }

    public void send(List<DeadLetter> letters) {
        for (int from = 0; from < letters.size(); from += IN_FLIGHT) {
            List<Uni<Void>> acks = new ArrayList<>();
            for (DeadLetter letter : letters.subList(from, Math.min(letters.size(), from + IN_FLIGHT))) {
                MutinyEmitter<String> emitter = Topics.REFERRALS_TRIAGED.equals(letter.record().topic())
                        ? triagedDlq : receivedDlq;
                acks.add(emitter.sendMessage(message(letter)));
            }
            Uni.join().all(acks).andFailFast().await().atMost(ACK_TIMEOUT);
        }
    }

    private static Message<String> message(DeadLetter letter) {
        ConsumerRecord<String, String> record = letter.record();
        RecordHeaders headers = new RecordHeaders();
        headers.add(REASON, bytes(letter.reason()));
        headers.add("dead-letter-exception-class-name", bytes(letter.exceptionClass()));
        headers.add("dead-letter-topic", bytes(record.topic()));
        headers.add("dead-letter-partition", bytes(Integer.toString(record.partition())));
        headers.add("dead-letter-offset", bytes(Long.toString(record.offset())));
        return Message.of(record.value()).addMetadata(OutgoingKafkaRecordMetadata.<String>builder()
                .withKey(record.key()).withHeaders(headers).build());
    }

    private static byte[] bytes(String value) {
        return (value == null ? "" : value).getBytes(StandardCharsets.UTF_8);
    }
}
