package org.lvs.ingest.service;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.lvs.contract.FieldError;
import org.lvs.contract.referral.Referral;
import org.lvs.contract.referral.Source;
import org.lvs.ingest.domain.ContentHash;
import org.lvs.ingest.domain.RecordStatus;
import org.lvs.ingest.domain.ValidatedRecord;
import org.lvs.ingest.persistence.BatchArrivalStore;
import org.lvs.ingest.persistence.FeedSeq;
import org.lvs.ingest.persistence.IdempotencyClaim;
import org.lvs.ingest.persistence.IdempotencyStore;
import org.lvs.ingest.persistence.IdentityKey;
import org.lvs.ingest.persistence.NewVersion;
import org.lvs.ingest.persistence.ReferralIdentity;
import org.lvs.ingest.persistence.ReferralStore;
import org.lvs.ingest.persistence.RejectionRow;
import org.lvs.ingest.persistence.RejectionStore;
import org.lvs.ingest.persistence.VersionRow;

/**
 * Decides ACCEPTED / AMENDED / DUPLICATE / STALE / CONFLICT for records against what ingest already holds, and later
 * confirms what the broker acknowledged. New referrals are stored with their first version by one statement on its own
 * ({@link #createNew}); the records of referrals that exist are decided in one transaction that locks them
 * ({@link #decide}).
 */
@ApplicationScoped
public class IntakeLedger {

    private final ReferralStore store;
    private final IdempotencyStore idempotency;
    private final RejectionStore rejections;
    private final BatchArrivalStore arrivals;

    IntakeLedger(
            ReferralStore store, IdempotencyStore idempotency, RejectionStore rejections, BatchArrivalStore arrivals) {
        this.store = store;
        this.idempotency = idempotency;
        this.rejections = rejections;
        this.arrivals = arrivals;
    }

    /**
     * @param records valid records with pairwise different (source, sourceReference), by their request index
     * @param hashes  {@link ContentHash} of each record, by the same index
     * @param claim   for a self-referral with an Idempotency-Key (a single record): stored in this transaction
     * @throws IdempotencyKeyTaken when another request stored the same key first (this transaction rolls back)
     */
    @Transactional
    public List<IntakeVerdict> decide(
            Map<Integer, ValidatedRecord> records, Map<Integer, String> hashes, Instant now, IdempotencyClaim claim) {
        Map<String, ReferralIdentity> identities = store.createOrLock(identityKeys(records, hashes, now));
        if (claim != null) {
            if (identities.size() != 1) {
                throw new IllegalArgumentException("an Idempotency-Key belongs to exactly one record");
            }
            if (!idempotency.claim(claim, identities.values().iterator().next().referralId(), now)) {
                throw new IdempotencyKeyTaken();
            }
        }

        List<IntakeVerdict> decisions = new ArrayList<>(records.size());
        List<NewVersion> inserts = new ArrayList<>();
        for (Map.Entry<Integer, ValidatedRecord> e : records.entrySet()) {
            Referral ref = e.getValue().referral();
            ReferralIdentity identity =
                    identities.get(ReferralStore.key(ref.source().name(), ref.sourceReference()));
            String hash = hashes.get(e.getKey());
            IntakeVerdict d = decideOne(e.getKey(), e.getValue(), hash, identity, now);
            if (d.publish() && identity.version(ref.version()) == null) {
                inserts.add(new NewVersion(
                        identity.referralId(),
                        ref.version(),
                        hash,
                        d.receivedAt(),
                        d.status().name()));
            }
            decisions.add(d);
        }
        store.insertVersions(inserts);
        return decisions;
    }

    /**
     * The records whose referral is new, created with their first version by one statement that commits on its own
     * (no transaction, so one round trip): a new referral's first version is always ACCEPTED and needs no lock. The
     * records of referrals that exist are not touched and are left to {@link #decide}. Not for a record with an
     * Idempotency-Key, whose claim must commit with the referral.
     *
     * @return the verdicts of the records whose referral was created here
     */
    @Transactional(Transactional.TxType.NOT_SUPPORTED)
    public List<IntakeVerdict> createNew(
            Map<Integer, ValidatedRecord> records, Map<Integer, String> hashes, Instant now) {
        Map<String, ReferralIdentity> created = store.create(identityKeys(records, hashes, now));
        List<IntakeVerdict> verdicts = new ArrayList<>(created.size());
        for (Map.Entry<Integer, ValidatedRecord> e : records.entrySet()) {
            Referral ref = e.getValue().referral();
            ReferralIdentity identity =
                    created.get(ReferralStore.key(ref.source().name(), ref.sourceReference()));
            if (identity != null) {
                verdicts.add(decideOne(e.getKey(), e.getValue(), hashes.get(e.getKey()), identity, now));
            }
        }
        return verdicts;
    }

    /** Each record's key, with the record as the first version to store if its referral is new. */
    private static List<IdentityKey> identityKeys(
            Map<Integer, ValidatedRecord> records, Map<Integer, String> hashes, Instant now) {
        List<IdentityKey> keys = new ArrayList<>(records.size());
        for (Map.Entry<Integer, ValidatedRecord> e : records.entrySet()) {
            Referral ref = e.getValue().referral();
            // A referral's first version is always accepted (decideOne).
            NewVersion first = new NewVersion(
                    UUID.randomUUID(),
                    ref.version(),
                    hashes.get(e.getKey()),
                    receivedAt(ref, now),
                    RecordStatus.ACCEPTED.name());
            keys.add(new IdentityKey(ref.source().name(), ref.sourceReference(), first));
        }
        return keys;
    }

    private static IntakeVerdict decideOne(
            int index, ValidatedRecord record, String hash, ReferralIdentity identity, Instant now) {
        Referral ref = record.referral();
        UUID id = identity.referralId();
        VersionRow latest = identity.latest();
        Instant receivedAt = receivedAt(ref, now);
        if (identity.created() || latest == null) {
            // A new referral, stored here together with this record as its first version (or, should one exist, a
            // referral with no version stored).
            return new IntakeVerdict(
                    index, record, id, RecordStatus.ACCEPTED, true, receivedAt, identity.firstReceivedAt(), null);
        }
        if (ref.version() > latest.version()) {
            return new IntakeVerdict(
                    index, record, id, RecordStatus.AMENDED, true, receivedAt, identity.firstReceivedAt(), null);
        }
        if (ref.version() < latest.version()) {
            return new IntakeVerdict(
                    index, record, id, RecordStatus.STALE, false, receivedAt, identity.firstReceivedAt(), null);
        }
        if (latest.contentHash() == null) {
            // Erased (cases.erasures): the fingerprint is gone on purpose, so "same" and "changed" cannot be told
            // apart. The case downstream was erased, so nothing of this version may travel again: it is answered as
            // already received (DUPLICATE), and a changed record still needs a higher version.
            return new IntakeVerdict(
                    index, record, id, RecordStatus.DUPLICATE, false, receivedAt, identity.firstReceivedAt(), null);
        }
        if (!latest.contentHash().equals(hash)) {
            return new IntakeVerdict(
                    index,
                    record,
                    id,
                    RecordStatus.CONFLICT,
                    false,
                    receivedAt,
                    identity.firstReceivedAt(),
                    List.of(
                            new FieldError(
                                    "version",
                                    "this version was already received with different content; a changed record needs a higher version")));
        }
        if (latest.published()) {
            return new IntakeVerdict(
                    index, record, id, RecordStatus.DUPLICATE, false, receivedAt, identity.firstReceivedAt(), null);
        }
        // Received before but its publication was never confirmed: publish it now and answer as the first time.
        return new IntakeVerdict(
                index,
                record,
                id,
                RecordStatus.valueOf(latest.status()),
                true,
                latest.receivedAt(),
                identity.firstReceivedAt(),
                null);
    }

    /**
     * After the broker acknowledged: mark the versions published, remember the feed numbers, list the rejections
     * (positions in commit order: the sources' advisory locks are taken first, before any other write) and note the
     * batch's arrival.
     */
    @Transactional
    public void confirm(
            List<IntakeVerdict> published,
            Collection<FeedSeq> feedSequences,
            List<RejectionRow> rejected,
            Set<Source> batchOf,
            Instant now) {
        rejections.lockSources(rejected.stream().map(RejectionRow::source).collect(Collectors.toSet()));
        markPublished(published, now);
        store.recordFeedSequences(feedSequences);
        rejections.insert(rejected);
        arrivals.arrived(batchOf.stream().map(Source::name).toList(), now);
    }

    /**
     * The confirmation when the published marks are all there is to record (a single referral; a batch with no
     * rejection, feed number or arrival to note): one statement that commits on its own, one round trip instead of a
     * transaction's two. Each mark stands alone and marking twice keeps the first time, so nothing needs to commit
     * with it.
     */
    @Transactional(Transactional.TxType.NOT_SUPPORTED)
    public void confirmPublished(List<IntakeVerdict> published, Instant now) {
        markPublished(published, now);
    }

    private void markPublished(List<IntakeVerdict> published, Instant now) {
        store.markPublished(
                published.stream().map(IntakeVerdict::referralId).toList(),
                published.stream().map(d -> d.record().referral().version()).toList(),
                now);
    }

    private static Instant receivedAt(Referral ref, Instant now) {
        return ref.receivedAt() != null ? ref.receivedAt().truncatedTo(ChronoUnit.MICROS) : now;
    }
}
