package org.lvs.metrics.service;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.jboss.logging.Logger;
import org.lvs.commons.failure.FailureKind;
import org.lvs.commons.failure.Failures;
import org.lvs.commons.jdbc.Sql;
import org.lvs.contract.Topics;
import org.lvs.contract.event.IntakeRecorded;
import org.lvs.contract.event.MalformedEventException;
import org.lvs.contract.event.PersonalDataErased;
import org.lvs.contract.event.ReferralDecided;
import org.lvs.metrics.persistence.FactStore;
import org.lvs.metrics.persistence.FactStore.TypedCaseEvent;
import org.lvs.metrics.persistence.FactTables;
import org.lvs.metrics.persistence.RebuildRuns;

/**
 * Applies events to the fact tables, once: the applied-event marks and the facts commit in one transaction. An
 * event type its topic does not carry is unreadable (dead-lettered by the consumer, never silently skipped).
 *
 * <p>Events are first {@linkplain EventDecoder decoded} outside any transaction, so an event that cannot be applied is
 * known (and dead-lettered) before its batch is written; then {@link #applyBatch} writes a whole batch at once.
 */
@ApplicationScoped
public class EventApplier {

    /**
     * An event checked and ready to write ({@link EventDecoder}).
     *
     * @param eventId the envelope's id, marked applied with the event's facts
     * @param occurredAt the envelope's time, standing in for an intake record's missing {@code at}
     * @param payload the {@link ReferralDecided}, {@link IntakeRecorded}, {@link TypedCaseEvent} or
     *     {@link PersonalDataErased} to record
     * @param publishedAt the Kafka record's timestamp (for the lag), or null if unknown
     */
    public record Decoded(String topic, UUID eventId, Instant occurredAt, Object payload, Instant publishedAt) {}

    /** What a batch did: events newly applied, and those skipped as already processed. */
    public record BatchResult(int applied, int duplicates) {}

    private static final Logger LOG = Logger.getLogger(EventApplier.class);

    private final FactStore facts;
    private final RebuildRuns rebuilds;
    private final Sql jdbc;
    private final MetricsChanges changes;
    private final Clock clock;
    /** Lag compares with the broker's timestamps, which are wall-clock time whatever the injected clock says. */
    private final Clock systemClock = Clock.systemUTC();

    EventApplier(FactStore facts, RebuildRuns rebuilds, Sql jdbc, MetricsChanges changes, Clock clock) {
        this.facts = facts;
        this.rebuilds = rebuilds;
        this.jdbc = jdbc;
        this.changes = changes;
        this.clock = clock;
    }

    /**
     * Applies a batch of decoded events of one topic in one transaction to the live facts: marks them applied in
     * one statement, then writes the facts of those that were new (each once, even if the batch holds it twice).
     * While a rebuild runs, the batch goes to its shadow tables too, with their own marks, so events arriving while
     * the rebuild reads history are in the tables it swaps in.
     */
    @Transactional
    public BatchResult applyBatch(String topic, List<Decoded> events) {
        if (events.isEmpty()) {
            return new BatchResult(0, 0);
        }
        UUID rebuild = rebuilds.lockSharedAndFindRunning();
        List<Decoded> applied = applyTo(FactTables.LIVE, topic, events);
        if (!applied.isEmpty()) {
            changes.afterCommit(lagMillis(newestPublished(applied)));
        }
        if (rebuild != null) {
            applyToShadowOfLiveBatch(rebuild, topic, events);
        }
        return new BatchResult(applied.size(), events.size() - applied.size());
    }

    /**
     * Applies a batch to the shadow tables only, for the rebuild's reader, in one transaction; false when the rebuild
     * no longer runs (then nothing is written).
     *
     * @return the number of events new to the shadow tables, or -1 when the rebuild no longer runs
     */
    @Transactional
    public int applyToShadow(UUID rebuildId, String topic, List<Decoded> events) {
        if (!rebuildId.equals(rebuilds.lockSharedAndFindRunning())) {
            return -1;
        }
        return applyTo(FactTables.SHADOW, topic, events).size();
    }

    /** The events new to this table set, after writing their facts. */
    private List<Decoded> applyTo(FactTables tables, String topic, List<Decoded> events) {
        Set<UUID> fresh =
                facts.firstTime(tables, events.stream().map(e -> e.eventId()).toList(), clock.instant());
        List<Decoded> toApply = new ArrayList<>(fresh.size());
        for (Decoded e : events) {
            if (fresh.remove(e.eventId())) {
                toApply.add(e);
            }
        }
        if (!toApply.isEmpty()) {
            write(tables, topic, toApply);
        }
        return toApply;
    }

    /**
     * The live batch into the running rebuild's shadow tables, behind a savepoint: the live facts are written
     * already, and a fault of the shadow tables must never cost a live event. A transient failure fails the whole
     * batch (it is retried); any other abandons the rebuild, whose status says why, and the live batch commits.
     */
    private void applyToShadowOfLiveBatch(UUID rebuild, String topic, List<Decoded> events) {
        jdbc.update("SAVEPOINT shadow_write");
        try {
            applyTo(FactTables.SHADOW, topic, events);
            jdbc.update("RELEASE SAVEPOINT shadow_write");
        } catch (RuntimeException e) {
            if (Failures.classify(e).kind() == FailureKind.TRANSIENT) {
                throw e;
            }
            jdbc.update("ROLLBACK TO SAVEPOINT shadow_write");
            String reason = "the shadow tables refused a live batch (" + Failures.kinds(e) + ")";
            rebuilds.fail(rebuild, reason, clock.instant());
            LOG.warnf("metrics rebuild %s abandoned: %s; the previous figures keep serving", rebuild, reason);
        }
    }

    private static Instant newestPublished(List<Decoded> events) {
        Instant newest = null;
        for (Decoded e : events) {
            if (e.publishedAt() != null && (newest == null || e.publishedAt().isAfter(newest))) {
                newest = e.publishedAt();
            }
        }
        return newest;
    }

    private void write(FactTables tables, String topic, List<Decoded> events) {
        switch (topic) {
            case Topics.REFERRALS_TRIAGED -> facts.recordDecisions(tables, payloads(events, ReferralDecided.class));
            case Topics.REFERRALS_INTAKE -> {
                List<IntakeRecorded> records = new ArrayList<>();
                List<Instant> fallbackAts = new ArrayList<>();
                for (Decoded e : events) {
                    if (e.payload() instanceof IntakeRecorded r) {
                        records.add(r);
                        fallbackAts.add(e.occurredAt());
                    }
                }
                facts.recordIntakes(tables, records, fallbackAts);
            }
            case Topics.CASES_EVENTS -> facts.recordCaseEvents(tables, payloads(events, TypedCaseEvent.class));
            case Topics.CASES_ERASURES -> facts.recordErasures(tables, payloads(events, PersonalDataErased.class));
            default -> throw new MalformedEventException("metrics does not read topic " + topic);
        }
    }

    private static <T> List<T> payloads(List<Decoded> events, Class<T> type) {
        List<T> payloads = new ArrayList<>(events.size());
        for (Decoded e : events) {
            if (type.isInstance(e.payload())) {
                payloads.add(type.cast(e.payload()));
            }
        }
        return payloads;
    }

    private Long lagMillis(Instant publishedAt) {
        return publishedAt == null
                ? null
                : Math.max(
                        0,
                        Duration.between(publishedAt, Instant.now(systemClock)).toMillis());
    }
}
