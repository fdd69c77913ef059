package org.lvs.metrics.service;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.MultiGauge;
import io.micrometer.core.instrument.Tags;
import io.quarkus.scheduler.Scheduled;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicReference;
import org.lvs.contract.triage.Strand;
import org.lvs.metrics.persistence.GaugeCounts;
import org.lvs.metrics.persistence.GaugeCounts.Counts;

/**
 * Prometheus figures on {@code /q/metrics}. Gauges are refreshed every few seconds from the running counts the fact
 * tables' triggers keep ({@link GaugeCounts}: the same exact, rebuildable numbers as GROUP BYs over the facts, at the
 * cost of reading a few hundred rows), counters count applied and duplicate events.
 *
 * <ul>
 *   <li>{@code lvs_referrals{source,outcome}}: referrals by source and latest outcome</li>
 *   <li>{@code lvs_sla_open_breaches}, {@code lvs_sla_at_risk}, {@code lvs_cases_by_clock_state{state}}</li>
 *   <li>{@code lvs_waiting_list{strand}}: open cases contacted and not assigned</li>
 *   <li>{@code lvs_metrics_consumer_lag_seconds}: publish-to-apply delay of the newest applied event</li>
 *   <li>{@code lvs_metrics_events_total{topic,result}}: events applied / skipped as duplicates</li>
 * </ul>
 */
@ApplicationScoped
public class MetricsGauges {

    private final MeterRegistry registry;
    private final GaugeCounts counts;
    private final MetricsChanges changes;

    private MultiGauge referrals;
    private MultiGauge clockStates;
    private MultiGauge waitingLists;
    private final AtomicReference<Snapshot> snapshot = new AtomicReference<>(new Snapshot(0, 0, 0, 0));

    record Snapshot(long openBreaches, long atRisk, double lagSeconds, long eventsApplied) {}

    MetricsGauges(MeterRegistry registry, GaugeCounts counts, MetricsChanges changes) {
        this.registry = registry;
        this.counts = counts;
        this.changes = changes;
    }

    @PostConstruct
    void register() {
        referrals = MultiGauge.builder("lvs.referrals")
                .description("Referrals by source and latest outcome")
                .register(registry);
        clockStates = MultiGauge.builder("lvs.cases.by.clock.state")
                .description("Cases by current clock state")
                .register(registry);
        waitingLists = MultiGauge.builder("lvs.waiting.list")
                .description("Open cases contacted and not yet assigned, per strand")
                .register(registry);
        Gauge.builder("lvs.sla.open.breaches", snapshot, s -> s.get().openBreaches())
                .description("Cases whose clock breached with no contact made")
                .register(registry);
        Gauge.builder("lvs.sla.at.risk", snapshot, s -> s.get().atRisk())
                .description("Uncontacted cases past 75% of their target")
                .register(registry);
        Gauge.builder("lvs.metrics.consumer.lag.seconds", snapshot, s -> s.get().lagSeconds())
                .description("Seconds between publishing and applying the newest applied event")
                .register(registry);
        Gauge.builder("lvs.metrics.events.applied", snapshot, s -> s.get().eventsApplied())
                .description("Events applied to the fact tables (since the last rebuild)")
                .register(registry);
    }

    /** Counts a batch's events once: those applied and those skipped as already processed. */
    public void counted(String topic, int applied, int duplicates) {
        // both series registered even at zero, so the names are on /q/metrics from the first batch
        Counter.builder("lvs.metrics.events")
                .tags("topic", topic, "result", "applied")
                .register(registry)
                .increment(applied);
        Counter.builder("lvs.metrics.events")
                .tags("topic", topic, "result", "duplicate")
                .register(registry)
                .increment(duplicates);
    }

    @Scheduled(every = "${lvs.metrics.gauge-refresh:5s}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    public void refresh() {
        counts.fold();
        Counts now = counts.read();
        List<MultiGauge.Row<?>> referralRows = new ArrayList<>();
        for (String[] row : now.referrals()) {
            referralRows.add(MultiGauge.Row.of(Tags.of("source", row[0], "outcome", row[1]), Long.parseLong(row[2])));
        }
        referrals.register(referralRows, true);
        Map<String, Long> states = now.clockStates();
        List<MultiGauge.Row<?>> stateRows = new ArrayList<>();
        states.forEach((state, count) -> stateRows.add(MultiGauge.Row.of(Tags.of("state", state), count)));
        clockStates.register(stateRows, true);
        List<MultiGauge.Row<?>> waitingRows = new ArrayList<>();
        Map<String, Long> waiting = new TreeMap<>();
        for (Strand strand : Strand.values()) {
            waiting.put(strand.name(), 0L);
        }
        now.waiting().forEach((strand, count) -> waiting.merge(strand, count, Long::sum));
        waiting.forEach((strand, count) -> waitingRows.add(MultiGauge.Row.of(Tags.of("strand", strand), count)));
        waitingLists.register(waitingRows, true);
        snapshot.set(new Snapshot(
                states.getOrDefault("BREACHED", 0L),
                states.getOrDefault("AT_RISK", 0L),
                changes.lagSeconds(),
                now.eventsApplied()));
    }
}
