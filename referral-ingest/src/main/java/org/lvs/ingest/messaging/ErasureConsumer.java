package org.lvs.ingest.messaging;

import io.quarkus.runtime.Startup;
import io.smallrye.common.annotation.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.lvs.commons.failure.RejectedRecordException;
import org.lvs.commons.messaging.consumer.BatchConsumer;
import org.lvs.commons.messaging.consumer.BatchConsumers;
import org.lvs.commons.text.SafeText;
import org.lvs.contract.Topics;
import org.lvs.contract.event.EventEnvelope;
import org.lvs.contract.event.EventJson;
import org.lvs.contract.event.EventTypes;
import org.lvs.contract.event.MalformedEventException;
import org.lvs.contract.event.PersonalDataErased;
import org.lvs.ingest.service.ErasureService;

/**
 * Reads {@code cases.erasures} (group {@value #GROUP}) through the commons {@link BatchConsumer}: a poll's erasures are
 * applied in one transaction; an unreadable record, another event type or a record with text no database may hold goes
 * alone to {@code cases.erasures.dlq}; transient failures are waited out.
 */
// Made at start-up, not at the first record: its consumers' health gauges and dead-letter counters must exist (at 0)
// before anything arrives, so a dead channel or the first dead letter is seen by the alerts.
@Startup
@ApplicationScoped
public class ErasureConsumer {

    public static final String CHANNEL = "erasures";
    public static final String GROUP = "referral-ingest";

    private final BatchConsumer<PersonalDataErased> consumer;

    ErasureConsumer(ErasureService erasures, BatchConsumers consumers) {
        this.consumer = consumers.create(Topics.CASES_ERASURES, GROUP, ErasureConsumer::decode, erasures::eraseAll);
    }

    @Incoming(CHANNEL)
    @Blocking
    public void consume(ConsumerRecords<String, String> records) {
        consumer.consume(records);
    }

    /** Every record of the topic must be a readable PersonalDataErased: anything else is a dead letter. */
    static PersonalDataErased decode(ConsumerRecord<String, String> record) {
        if (record.value() == null) {
            throw new MalformedEventException("empty record");
        }
        EventEnvelope envelope = EventJson.read(record.value());
        if (!EventTypes.PERSONAL_DATA_ERASED.equals(envelope.type())) {
            throw new RejectedRecordException("unknown event type on " + Topics.CASES_ERASURES);
        }
        PersonalDataErased erased = envelope.payloadAs(PersonalDataErased.class);
        if (erased.referralId() == null) {
            throw new MalformedEventException("a PersonalDataErased needs referralId");
        }
        if (erased.reason() != null && !SafeText.isSafe(erased.reason(), SafeText.Kind.LINE, 64)) {
            throw new RejectedRecordException("reason: " + SafeText.problem(erased.reason(), SafeText.Kind.LINE, 64));
        }
        return erased;
    }
}
