package org.lvs.tools.deadletters;

import java.time.Instant;
import org.apache.kafka.common.header.Headers;

/**
 * One record of a {@code <topic>.dlq}, as an operator sees it: where it sits, who gave up on it and why. The value
 * is carried for a replay only and never printed (it may hold personal data).
 *
 * @param dlqTopic     the dead-letter topic, e.g. {@code referrals.received.dlq}
 * @param partition    its partition in the dead-letter topic
 * @param offset       its offset in the dead-letter topic
 * @param sourceTopic  the topic it came from (the dead-letter topic without {@code .dlq})
 * @param group        the consumer group that gave up on it
 * @param stage        {@code decode} or {@code apply}
 * @param reason       the failure's kind (never the record's content)
 * @param at           when it was dead-lettered
 * @param origin       {@code partition:offset} in the source topic, or null when the headers do not say
 * @param originPartition the source partition, or null
 * @param replayed     true once it was replayed (the replayer group's ledger, {@link ReplayLedger})
 * @param key          the record's key, as it was
 * @param value        the record's value, as it was: for a replay only, never printed
 * @param headers      the record's headers
 */
public record DeadLetter(
        String dlqTopic,
        int partition,
        long offset,
        String sourceTopic,
        String group,
        String stage,
        String reason,
        Instant at,
        String origin,
        Integer originPartition,
        boolean replayed,
        byte[] key,
        byte[] value,
        Headers headers) {

    /** {@code partition:offset}, the form {@code --offsets} takes. */
    public String position() {
        return partition + ":" + offset;
    }
}
