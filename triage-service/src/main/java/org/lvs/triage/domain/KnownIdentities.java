package org.lvs.triage.domain;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;

/**
 * The stored victim identities a batch of referrals can match, held in memory while the batch is decided, so each
 * referral sees the identities of those decided before it in the same batch exactly as if each had committed on its
 * own: {@link #matching} answers like the database's lookup and {@link #record} changes the view like the database's
 * upsert/delete. {@link #changes()} is what must then be written back.
 *
 * <p>Load it with every stored row that shares a hash with any referral of the batch: rows sharing none cannot match
 * anything in the batch, and a referral's own row is replaced whenever a newer version of it is decided.
 */
public final class KnownIdentities {

    /**
     * A stored row: the identity the latest decided version of a referral carried, and that version's policy input
     * (null when not loaded, or stored before triage kept it).
     */
    public record Known(
            UUID referralId,
            int version,
            String source,
            String sourceReference,
            Instant recordedAt,
            VictimIdentity identity,
            PolicyInput facts) {
        public Known {
            Objects.requireNonNull(referralId, "referralId");
            recordedAt = atDatabasePrecision(recordedAt);
        }

        public Known(
                UUID referralId,
                int version,
                String source,
                String sourceReference,
                Instant recordedAt,
                VictimIdentity identity) {
            this(referralId, version, source, sourceReference, recordedAt, identity, null);
        }
    }

    /**
     * PostgreSQL's order of UUIDs: their 16 bytes compared unsigned, as in {@code ORDER BY recorded_at, referral_id}.
     */
    private static final Comparator<UUID> DATABASE_UUID_ORDER = (a, b) -> {
        int high = Long.compareUnsigned(a.getMostSignificantBits(), b.getMostSignificantBits());
        return high != 0 ? high : Long.compareUnsigned(a.getLeastSignificantBits(), b.getLeastSignificantBits());
    };

    private final Map<UUID, Known> byReferral = new HashMap<>();
    private final Map<String, Set<UUID>> byHash = new HashMap<>();
    /** The final state of every referral the batch changed: a row to keep, or null to delete it. */
    private final Map<UUID, Known> changes = new LinkedHashMap<>();

    public KnownIdentities(Collection<Known> stored) {
        stored.forEach(this::put);
    }

    /** Other referrals sharing either hash, recorded in (from, to], ordered by recordedAt then referralId. */
    public List<EarlierReferral> matching(VictimIdentity identity, UUID excludingReferralId, Instant from, Instant to) {
        return rowsMatching(identity, excludingReferralId, from, to).stream()
                .map(k -> new EarlierReferral(k.referralId(), k.sourceReference(), k.recordedAt()))
                .toList();
    }

    /** The rows of {@link #matching}. */
    public List<Known> rowsMatching(VictimIdentity identity, UUID excludingReferralId, Instant from, Instant to) {
        if (identity.isEmpty()) {
            return List.of();
        }
        Instant after = atDatabasePrecision(from);
        Instant upTo = atDatabasePrecision(to);
        Set<UUID> candidates = new HashSet<>();
        for (String hash : identity.hashes()) {
            candidates.addAll(byHash.getOrDefault(hash, Set.of()));
        }
        candidates.remove(excludingReferralId);
        List<Known> found = new ArrayList<>();
        for (UUID id : candidates) {
            Known known = byReferral.get(id);
            if (known.recordedAt().isAfter(after) && !known.recordedAt().isAfter(upTo)) {
                found.add(known);
            }
        }
        found.sort(Comparator.comparing(Known::recordedAt).thenComparing(Known::referralId, DATABASE_UUID_ORDER));
        return found;
    }

    /** Keeps the identity of a referral's newly decided version; none (no consent) removes it. */
    public void record(
            UUID referralId,
            int version,
            String source,
            String sourceReference,
            Instant recordedAt,
            VictimIdentity identity) {
        record(referralId, version, source, sourceReference, recordedAt, identity, null);
    }

    /** Keeps the identity and the policy input of a referral's newly decided version; none removes both. */
    public void record(
            UUID referralId,
            int version,
            String source,
            String sourceReference,
            Instant recordedAt,
            VictimIdentity identity,
            PolicyInput facts) {
        Known previous = byReferral.get(referralId);
        if (identity.isEmpty()) {
            remove(referralId);
            changes.put(referralId, null);
            return;
        }
        if (previous != null && previous.version() >= version) {
            return; // as the database's upsert: an older version never replaces a newer identity
        }
        remove(referralId);
        Known known = new Known(referralId, version, source, sourceReference, recordedAt, identity, facts);
        put(known);
        changes.put(referralId, known);
    }

    /** Rows to insert or replace. */
    public List<Known> toKeep() {
        return changes.values().stream().filter(Objects::nonNull).toList();
    }

    /** Referrals whose row must go. */
    public List<UUID> toRemove() {
        return changes.entrySet().stream()
                .filter(e -> e.getValue() == null)
                .map(Map.Entry::getKey)
                .toList();
    }

    private void put(Known known) {
        byReferral.put(known.referralId(), known);
        for (String hash : known.identity().hashes()) {
            byHash.computeIfAbsent(hash, h -> new HashSet<>()).add(known.referralId());
        }
    }

    private void remove(UUID referralId) {
        Known known = byReferral.remove(referralId);
        if (known != null) {
            for (String hash : known.identity().hashes()) {
                Set<UUID> ids = byHash.get(hash);
                ids.remove(referralId);
                if (ids.isEmpty()) {
                    byHash.remove(hash);
                }
            }
        }
    }

    /**
     * TIMESTAMPTZ keeps microseconds (the driver rounds to the nearest one), so instants compared in memory are
     * rounded the same way as those the database compares.
     */
    public static Instant atDatabasePrecision(Instant instant) {
        return instant.plusNanos(500).truncatedTo(ChronoUnit.MICROS);
    }
}
