package org.lvs.commons.messaging.consumer;

import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.ShutdownEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Duration;
import org.lvs.commons.failure.DatabaseProbe;
import org.lvs.commons.messaging.DeadLetters;

/**
 * Makes the {@link BatchConsumer} of a channel:
 *
 * <pre>{@code
 * consumer = consumers.create("referrals.received", "triage-service",
 *         record -> ReceivedEvents.read(record.value()), triage::decideAll);
 * ...
 * @Incoming(Channels.RECEIVED) @Blocking
 * public void consume(ConsumerRecords<String, String> records) { consumer.consume(records); }
 * }</pre>
 */
@ApplicationScoped
public class BatchConsumers {

    private final DeadLetters deadLetters;
    private final DatabaseProbe database;
    private final ConsumerConfig config;
    private final ConsumerHealth health;
    private final MeterRegistry registry;
    private final Lifecycle lifecycle = new Lifecycle();

    BatchConsumers(
            DeadLetters deadLetters,
            DatabaseProbe database,
            ConsumerConfig config,
            ConsumerHealth health,
            MeterRegistry registry) {
        this.deadLetters = deadLetters;
        this.database = database;
        this.config = config;
        this.health = health;
        this.registry = registry;
    }

    /**
     * @param topic the topic read (dead letters go to {@code <topic>.dlq})
     * @param group the consumer group, named in each dead letter
     */
    public <T> BatchConsumer<T> create(
            String topic, String group, BatchConsumer.Decoder<T> decoder, BatchConsumer.Applier<T> applier) {
        String name = group + "/" + topic;
        // the dead-letter counters exist from the start at 0, so an alert on their increase sees the first letter
        for (String stage : new String[] {BatchConsumer.DECODE, BatchConsumer.APPLY}) {
            registry.counter("lvs_dead_letters_total", "topic", topic, "stage", stage);
        }
        return new BatchConsumer<>(
                name,
                group,
                decoder,
                applier,
                deadLetters,
                database,
                config,
                health.tracker(name),
                registry,
                lifecycle);
    }

    void stopping(@Observes ShutdownEvent event) {
        lifecycle.stop();
    }

    /** Ends every wait once the application stops, so shutdown never waits for an outage to pass. */
    static final class Lifecycle {
        private final Object monitor = new Object();
        private volatile boolean stopping;

        void stop() {
            synchronized (monitor) {
                stopping = true;
                monitor.notifyAll();
            }
        }

        void sleep(Duration duration) {
            synchronized (monitor) {
                if (!stopping) {
                    try {
                        monitor.wait(Math.max(1, duration.toMillis()));
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        throw new BatchConsumer.ShuttingDown();
                    }
                }
                if (stopping) {
                    throw new BatchConsumer.ShuttingDown();
                }
            }
        }
    }
}
