package org.lvs.commons.messaging.consumer;

import io.micrometer.core.instrument.MeterRegistry;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.jboss.logging.Logger;
import org.lvs.commons.failure.DatabaseProbe;
import org.lvs.commons.failure.Failure;
import org.lvs.commons.failure.FailureKind;
import org.lvs.commons.failure.Failures;
import org.lvs.commons.messaging.DeadLetters;
import org.lvs.commons.messaging.DeadLetters.DeadLetter;

/**
 * The one batch consumer of the system: applies a poll's records in one transaction and classifies every failure
 * (README, failure policy; ADR 0003).
 *
 * <ol>
 * <li>Each record is decoded; one that cannot be read is a permanent failure of stage {@code decode}.</li>
 * <li>The readable records are applied together. A transient failure (connection lost, deadlock, timeout) is waited
 * out with backoff, as long as it lasts: the batch is retried, nothing is dead-lettered, and the offsets stay
 * uncommitted. While the method waits, SmallRye pauses the channel's partitions and keeps polling, so the consumer
 * stays in its group.</li>
 * <li>Any other failure splits the batch in halves, recursively, down to the record that fails. That record alone is
 * dead-lettered once its failure is confirmed: a recognised permanent error on a second attempt, or an unrecognised
 * one after {@link ConsumerConfig#unknownAttempts()} attempts while the database answers (while it does not, the
 * failure counts as transient). Everything else of the poll is applied.</li>
 * <li>The dead letters are sent before the method returns, waiting out a broker that is away; only then may the
 * connector commit the poll's offsets.</li>
 * </ol>
 *
 * Thread-safe: a channel may apply several polls at once.
 *
 * @param <T> what a record decodes to
 */
public final class BatchConsumer<T> {

    private static final Logger LOG = Logger.getLogger(BatchConsumer.class);
    static final String DECODE = "decode";
    static final String APPLY = "apply";

    /** Decodes a record; returns null for a record this consumer ignores (another event type on the topic). */
    @FunctionalInterface
    public interface Decoder<T> {
        T decode(ConsumerRecord<String, String> record);
    }

    /** Applies decoded records in one transaction of its own (all or nothing). */
    @FunctionalInterface
    public interface Applier<T> {
        void apply(List<T> items);
    }

    private final String name;
    private final String group;
    private final Decoder<T> decoder;
    private final Applier<T> applier;
    private final DeadLetters deadLetters;
    private final DatabaseProbe database;
    private final ConsumerConfig config;
    private final ConsumerHealth.Tracker tracker;
    private final MeterRegistry registry;
    private final BatchConsumers.Lifecycle lifecycle;

    BatchConsumer(
            String name,
            String group,
            Decoder<T> decoder,
            Applier<T> applier,
            DeadLetters deadLetters,
            DatabaseProbe database,
            ConsumerConfig config,
            ConsumerHealth.Tracker tracker,
            MeterRegistry registry,
            BatchConsumers.Lifecycle lifecycle) {
        this.name = name;
        this.group = group;
        this.decoder = decoder;
        this.applier = applier;
        this.deadLetters = deadLetters;
        this.database = database;
        this.config = config;
        this.tracker = tracker;
        this.registry = registry;
        this.lifecycle = lifecycle;
    }

    /** Applies one poll. Returns only when every record was applied or dead-lettered (and the letters acknowledged). */
    public void consume(Iterable<ConsumerRecord<String, String>> records) {
        tracker.started();
        try {
            List<Item<T>> items = new ArrayList<>();
            List<DeadLetter> letters = new ArrayList<>();
            for (ConsumerRecord<String, String> record : records) {
                try {
                    T decoded = decoder.decode(record);
                    if (decoded != null) {
                        items.add(new Item<>(record, decoded));
                    }
                } catch (RuntimeException e) {
                    Failure failure = Failures.classify(e);
                    String reason = failure.kind() == FailureKind.PERMANENT
                            ? failure.reason()
                            : "unreadable record (" + e.getClass().getSimpleName() + ")";
                    letters.add(letter(record, DECODE, reason, e));
                }
            }
            if (!items.isEmpty()) {
                applyInParts(items, letters);
            }
            if (!letters.isEmpty()) {
                send(letters);
            }
        } catch (ShuttingDown e) {
            throw e;
        } catch (Throwable e) {
            tracker.crashed(e);
            LOG.errorf(
                    "%s: a batch failed outside the failure policy (%s); the channel reports it",
                    name, Failures.kinds(e));
            throw e;
        } finally {
            tracker.finished();
        }
    }

    /** Applies the items together; on a failure that is not transient, each half on its own, down to one record. */
    private void applyInParts(List<Item<T>> items, List<DeadLetter> letters) {
        Backoff backoff = new Backoff(config);
        while (true) {
            try {
                applier.apply(items.stream().map(Item::value).toList());
                tracker.progressed();
                return;
            } catch (RuntimeException e) {
                Failure failure = Failures.classify(e);
                if (isTransientNow(failure)) {
                    waitOut(failure, backoff);
                    continue;
                }
                if (items.size() == 1) {
                    applyAlone(items.get(0), failure, e, letters);
                    return;
                }
                LOG.debugf(
                        "%s: a batch of %d failed (%s); applying it in halves", name, items.size(), failure.reason());
                int half = items.size() / 2;
                applyInParts(items.subList(0, half), letters);
                applyInParts(items.subList(half, items.size()), letters);
                return;
            }
        }
    }

    /** One record that failed with {@code first}: confirmed, then dead-lettered, or applied after all. */
    private void applyAlone(Item<T> item, Failure first, RuntimeException firstError, List<DeadLetter> letters) {
        Backoff backoff = new Backoff(config);
        Failure failure = first;
        RuntimeException error = firstError;
        int unknownFailures = failure.kind() == FailureKind.UNKNOWN ? 1 : 0;
        int permanentFailures = failure.kind() == FailureKind.PERMANENT ? 1 : 0;
        while (permanentFailures < 2 && unknownFailures < config.unknownAttempts()) {
            if (failure.kind() == FailureKind.UNKNOWN) {
                backoff.sleep(lifecycle);
            }
            try {
                applier.apply(List.of(item.value()));
                tracker.progressed();
                return;
            } catch (RuntimeException e) {
                error = e;
                failure = Failures.classify(e);
                if (isTransientNow(failure)) {
                    waitOut(failure, backoff);
                } else if (failure.kind() == FailureKind.PERMANENT) {
                    permanentFailures++;
                } else {
                    unknownFailures++;
                }
            }
        }
        ConsumerRecord<String, String> record = item.record();
        LOG.warnf(
                "%s: dead-lettering %s-%d@%d: %s",
                name, record.topic(), record.partition(), record.offset(), failure.reason());
        letters.add(letter(record, APPLY, failure.reason(), error));
    }

    /** A transient failure, or an unrecognised one while the database does not answer. */
    private boolean isTransientNow(Failure failure) {
        return failure.kind() == FailureKind.TRANSIENT
                || (failure.kind() == FailureKind.UNKNOWN && !database.answers());
    }

    private void waitOut(Failure failure, Backoff backoff) {
        tracker.waiting(failure.reason());
        registry.counter("lvs_consumer_transient_failures_total", "consumer", name)
                .increment();
        if (backoff.attempts() == 0 || backoff.attempts() % 10 == 0) {
            LOG.warnf("%s: waiting out a transient failure (%s); nothing is dead-lettered", name, failure.reason());
        }
        backoff.sleep(lifecycle);
    }

    /** Sends the letters, waiting out a broker that is away; the poll is committed only after this. */
    private void send(List<DeadLetter> letters) {
        Backoff backoff = new Backoff(config);
        while (true) {
            try {
                deadLetters.send(letters);
                for (DeadLetter letter : letters) {
                    registry.counter(
                                    "lvs_dead_letters_total",
                                    "topic",
                                    letter.record().topic(),
                                    "stage",
                                    letter.stage())
                            .increment();
                }
                tracker.progressed();
                return;
            } catch (RuntimeException e) {
                Failure failure = Failures.classify(e);
                if (failure.kind() == FailureKind.PERMANENT) {
                    // A record the dead-letter topic refuses for good cannot be kept anywhere else: say which.
                    for (DeadLetter letter : letters) {
                        LOG.errorf(
                                "%s: the dead-letter topic refused %s-%d@%d (%s); it is skipped",
                                name,
                                letter.record().topic(),
                                letter.record().partition(),
                                letter.record().offset(),
                                failure.reason());
                    }
                    registry.counter("lvs_dead_letters_lost_total", "consumer", name)
                            .increment(letters.size());
                    return;
                }
                waitOut(
                        new Failure(FailureKind.TRANSIENT, "dead-letter topic unavailable: " + failure.reason()),
                        backoff);
            }
        }
    }

    private DeadLetter letter(ConsumerRecord<String, String> record, String stage, String reason, Throwable error) {
        return new DeadLetter(record, group, stage, reason, Failures.kinds(error));
    }

    private record Item<T>(ConsumerRecord<String, String> record, T value) {}

    /** Thrown from a wait when the application stops: the poll is abandoned uncommitted and redelivered later. */
    static final class ShuttingDown extends RuntimeException {
        ShuttingDown() {
            super("the application is stopping", null, false, false);
        }
    }
}
