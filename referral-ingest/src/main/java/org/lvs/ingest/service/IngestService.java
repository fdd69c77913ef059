package org.lvs.ingest.service;

import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.jboss.logging.Logger;
import org.lvs.commons.messaging.EventPublisher;
import org.lvs.commons.messaging.OutgoingEvent;
import org.lvs.commons.messaging.PublishFailedException;
import org.lvs.commons.problem.ProblemException;
import org.lvs.contract.event.IntakeStatus;
import org.lvs.contract.referral.Referral;
import org.lvs.contract.referral.Source;
import org.lvs.ingest.config.IngestConfig;
import org.lvs.ingest.domain.ContentHash;
import org.lvs.ingest.domain.FieldRules;
import org.lvs.ingest.domain.ValidatedRecord;
import org.lvs.ingest.messaging.IngestEvents;
import org.lvs.ingest.persistence.FeedSeq;
import org.lvs.ingest.persistence.IdempotencyClaim;
import org.lvs.ingest.persistence.ReferralStore;
import org.lvs.ingest.persistence.RejectionRow;

/**
 * The ingest pipeline for one request (a single referral or a batch): store every record's decision (new referrals
 * with their first version in one statement, the records of existing referrals in one transaction that locks them),
 * publish all resulting events and wait for every broker acknowledgement (publish before acknowledge), then confirm
 * the publication. If the broker or the database fails, the request answers 503 and nothing is half-done: versions
 * stay unconfirmed, so a retry of the same request publishes them again (same referralId, same event ids) instead of
 * answering DUPLICATE.
 */
@ApplicationScoped
public class IngestService {

    private static final Logger LOG = Logger.getLogger(IngestService.class);

    private final IntakeLedger ledger;
    private final EventPublisher publisher;
    private final Clock clock;
    private final IngestConfig config;
    private final LastBatchGauge lastBatch;

    IngestService(
            IntakeLedger ledger, EventPublisher publisher, Clock clock, IngestConfig config, LastBatchGauge lastBatch) {
        this.ledger = ledger;
        this.publisher = publisher;
        this.clock = clock;
        this.config = config;
        this.lastBatch = lastBatch;
    }

    /**
     * @param records   validated records in request order (rejected ones included: they go to intake, feed gaps and
     *                  the rejections feed)
     * @param requestId identifies this request in intake record ids
     * @param batchId   the batch's (validated) id, null for a single referral
     * @param batchOf   for a batch, the sources whose last batch this is (lvs_ingest_last_batch_seconds); else empty
     * @return one result per record, in order
     */
    public List<RecordResult> ingest(
            List<ValidatedRecord> records, String requestId, String batchId, Set<Source> batchOf) {
        RecordResult[] results = new RecordResult[records.size()];
        List<List<Integer>> chunks = chunks(records);
        for (int c = 0; c < chunks.size(); c++) {
            Set<Source> arrivals = c == chunks.size() - 1 ? batchOf : Set.of();
            for (IntakeVerdict d : ingestChunk(records, chunks.get(c), requestId, batchId, null, arrivals)) {
                results[d.index()] = RecordResult.of(d);
            }
        }
        if (chunks.isEmpty() && !batchOf.isEmpty()) {
            confirm(List.of(), Set.of(), List.of(), batchOf);
        }
        return List.of(results);
    }

    /** One valid record; with a claim, its Idempotency-Key is stored in the transaction that decides it. */
    public RecordResult ingestOne(ValidatedRecord record, String requestId, IdempotencyClaim claim) {
        return RecordResult.of(ingestChunk(List.of(record), List.of(0), requestId, null, claim, Set.of())
                .get(0));
    }

    /**
     * Records of one referral must be decided one after the other (v1 then v2 in the same batch): split the request
     * wherever a (source, sourceReference) repeats. A batch of distinct referrals is a single chunk.
     */
    static List<List<Integer>> chunks(List<ValidatedRecord> records) {
        List<List<Integer>> chunks = new ArrayList<>();
        List<Integer> current = new ArrayList<>();
        Set<String> keys = new HashSet<>();
        for (int i = 0; i < records.size(); i++) {
            ValidatedRecord r = records.get(i);
            if (r.valid()) {
                String key = ReferralStore.key(
                        r.referral().source().name(), r.referral().sourceReference());
                if (!keys.add(key)) {
                    chunks.add(current);
                    current = new ArrayList<>();
                    keys.clear();
                    keys.add(key);
                }
            }
            current.add(i);
        }
        if (!current.isEmpty()) {
            chunks.add(current);
        }
        return chunks;
    }

    private List<IntakeVerdict> ingestChunk(
            List<ValidatedRecord> records,
            List<Integer> chunk,
            String requestId,
            String batchId,
            IdempotencyClaim claim,
            Set<Source> arrivals) {
        // Millisecond precision: what we publish must equal what PostgreSQL gives back later (microseconds).
        Instant now = clock.instant().truncatedTo(ChronoUnit.MILLIS);
        Map<Integer, ValidatedRecord> valid = new LinkedHashMap<>();
        Set<FeedSeq> feedSequences = new LinkedHashSet<>();
        for (int i : chunk) {
            ValidatedRecord r = records.get(i);
            if (r.valid()) {
                valid.put(i, r);
            }
            if (r.source() != null && r.feedSequence() != null) {
                feedSequences.add(new FeedSeq(r.source().name(), r.feedSequence()));
            }
        }

        long tValid = System.nanoTime();
        Map<Integer, IntakeVerdict> decided = new LinkedHashMap<>();
        if (!valid.isEmpty()) {
            try {
                // Hashing is pure CPU: done outside the transaction and in parallel for big batches.
                Map<Integer, String> hashes = valid.entrySet().stream()
                        .parallel()
                        .collect(Collectors.toConcurrentMap(
                                Map.Entry::getKey,
                                e -> ContentHash.of(e.getValue().referral())));
                Map<Integer, ValidatedRecord> rest = valid;
                if (claim == null) {
                    // New referrals first, each stored with its first version by one statement on its own; only
                    // records of referrals that exist need the locking transaction.
                    ledger.createNew(valid, hashes, now).forEach(d -> decided.put(d.index(), d));
                    rest = new LinkedHashMap<>(valid);
                    rest.keySet().removeAll(decided.keySet());
                }
                if (!rest.isEmpty()) {
                    ledger.decide(rest, hashes, now, claim).forEach(d -> decided.put(d.index(), d));
                }
            } catch (RuntimeException e) {
                throw translate(e);
            }
        }
        long tDecided = System.nanoTime();
        List<IntakeVerdict> decisions = new ArrayList<>(chunk.size());
        for (int i : chunk) {
            IntakeVerdict d = decided.get(i);
            decisions.add(d != null ? d : IntakeVerdict.rejected(i, records.get(i), rejectedAt(records.get(i), now)));
        }

        List<IntakeVerdict> published =
                decisions.stream().filter(IntakeVerdict::publish).toList();
        // Building envelopes is pure CPU too; order within the request does not matter to the broker's keys.
        List<OutgoingEvent> events = (decisions.size() > 64 ? decisions.parallelStream() : decisions.stream())
                .flatMap(d -> d.publish()
                        ? Stream.of(IngestEvents.received(d), IngestEvents.intake(d, requestId, batchId))
                        : Stream.of(IngestEvents.intake(d, requestId, batchId)))
                .toList();
        long tEvents = System.nanoTime();
        try {
            publisher.publishAndAwait(events);
        } catch (PublishFailedException e) {
            LOG.warnf("broker unavailable, answering 503: %s", e.getMessage());
            throw ProblemException.unavailable(
                    "The message broker is unavailable; retry the same request later", config.retryAfterSeconds());
        }
        long tPublished = System.nanoTime();
        confirm(published, feedSequences, rejections(decisions, batchId), arrivals);
        long tConfirmed = System.nanoTime();
        if (LOG.isDebugEnabled()) {
            LOG.debugf(
                    "TIMING n=%d decide=%dms events=%dms publish=%dms confirm=%dms",
                    chunk.size(),
                    (tDecided - tValid) / 1000000,
                    (tEvents - tDecided) / 1000000,
                    (tPublished - tEvents) / 1000000,
                    (tConfirmed - tPublished) / 1000000);
        }
        return decisions;
    }

    /** After the broker acknowledged: versions published, feed numbers, rejections and the batch's arrival. */
    private void confirm(
            List<IntakeVerdict> published,
            Set<FeedSeq> feedSequences,
            List<RejectionRow> rejections,
            Set<Source> arrivals) {
        Instant at = clock.instant();
        try {
            if (feedSequences.isEmpty() && rejections.isEmpty() && arrivals.isEmpty()) {
                ledger.confirmPublished(published, at);
            } else {
                ledger.confirm(published, feedSequences, rejections, arrivals, at);
            }
        } catch (RuntimeException e) {
            throw translate(e);
        }
        lastBatch.arrived(arrivals, at);
    }

    /**
     * The rejected records of a source (invalid, or a version changed without a higher number) for the rejections
     * feed, with validated values only; a record without a valid source belongs to no feed.
     */
    static List<RejectionRow> rejections(List<IntakeVerdict> decisions, String batchId) {
        List<RejectionRow> rows = new ArrayList<>();
        for (IntakeVerdict d : decisions) {
            ValidatedRecord r = d.record();
            if (d.status().intakeStatus() == IntakeStatus.REJECTED && r.source() != null) {
                rows.add(new RejectionRow(
                        r.source().name(),
                        FieldRules.isBatchId(batchId) ? batchId : null,
                        d.index(),
                        FieldRules.isSourceReference(r.sourceReference()) ? r.sourceReference() : null,
                        r.feedSequence(),
                        d.errors(),
                        d.receivedAt()));
            }
        }
        return rows;
    }

    private static Instant rejectedAt(ValidatedRecord r, Instant now) {
        Referral ref = r.referral();
        return ref != null && ref.receivedAt() != null ? ref.receivedAt() : now;
    }

    private RuntimeException translate(RuntimeException e) {
        return DatabaseErrors.translate(e, config.retryAfterSeconds());
    }
}
