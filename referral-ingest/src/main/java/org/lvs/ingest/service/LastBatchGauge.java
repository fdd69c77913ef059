package org.lvs.ingest.service;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Instant;
import java.util.Collection;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.jboss.logging.Logger;
import org.lvs.commons.failure.Failures;
import org.lvs.contract.referral.Source;
import org.lvs.ingest.persistence.BatchArrivalStore;

/**
 * {@code lvs_ingest_last_batch_seconds{source}} on /q/metrics: the epoch second of the last batch accepted (answered
 * 200) per source, 0 when none ever came; for the alert "no ADT batch on a weekday by a set hour". The values live in
 * the database ({@code batch_arrival}), so they survive restarts and every instance reports the same figure: read at
 * start and every {@code lvs.ingest.last-batch-refresh} (30 s), and raised at once by this instance's own batches.
 */
@ApplicationScoped
public class LastBatchGauge {

    public static final String NAME = "lvs_ingest_last_batch_seconds";
    private static final Logger LOG = Logger.getLogger(LastBatchGauge.class);

    private final Map<Source, AtomicLong> seconds = new EnumMap<>(Source.class);
    private final BatchArrivalStore store;

    LastBatchGauge(BatchArrivalStore store, MeterRegistry registry) {
        this.store = store;
        for (Source source : Source.values()) {
            AtomicLong value = new AtomicLong();
            seconds.put(source, value);
            Gauge.builder(NAME, value, AtomicLong::doubleValue)
                    .description("Epoch seconds of the last batch accepted from the source (0: none yet)")
                    .tag("source", source.name())
                    .register(registry);
        }
    }

    void onStart(@Observes StartupEvent event) {
        refresh();
    }

    /** Picks up the batches other instances accepted. */
    @Scheduled(every = "${lvs.ingest.last-batch-refresh:30s}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void refresh() {
        try {
            store.all().forEach((source, at) -> {
                for (Source s : Source.values()) {
                    if (s.name().equals(source)) {
                        raise(s, at);
                    }
                }
            });
        } catch (RuntimeException e) {
            LOG.warnf("cannot read the last batch per source (%s); the gauge keeps its values", Failures.kinds(e));
        }
    }

    /** A batch of these sources was accepted at {@code at} (already stored). */
    void arrived(Collection<Source> sources, Instant at) {
        sources.forEach(s -> raise(s, at));
    }

    private void raise(Source source, Instant at) {
        seconds.get(source).accumulateAndGet(at.getEpochSecond(), Math::max);
    }
}
