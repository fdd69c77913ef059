package org.lvs.triage.persistence;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.UUID;
import org.lvs.commons.jdbc.Sql;
import org.lvs.triage.domain.KnownIdentities;
import org.lvs.triage.domain.PolicyInput;
import org.lvs.triage.domain.VictimIdentity;

/**
 * Keyed hashes of the identities decided referrals carried. Decisions of one victim are serialised with PostgreSQL
 * advisory transaction locks on the identity hashes, so with several instances (different partitions) the repeat
 * count still sees every referral of the victim decided before.
 */
@ApplicationScoped
public class VictimIdentityRepository {

    private static final String UPSERT = """
            INSERT INTO victim_identity (referral_id, version, source, source_reference, recorded_at,
                                         person_ref_hash, name_dob_hash, stored_at, policy_input)
            VALUES (?, ?, ?, ?, ?, NULLIF(?, ''), NULLIF(?, ''), ?, ?)
            ON CONFLICT (referral_id) DO UPDATE SET version = EXCLUDED.version, source = EXCLUDED.source,
                source_reference = EXCLUDED.source_reference, recorded_at = EXCLUDED.recorded_at,
                person_ref_hash = EXCLUDED.person_ref_hash, name_dob_hash = EXCLUDED.name_dob_hash,
                stored_at = EXCLUDED.stored_at, policy_input = EXCLUDED.policy_input
            WHERE victim_identity.version < EXCLUDED.version
            """;

    private static final String COLUMNS =
            "referral_id, version, source, source_reference, recorded_at, person_ref_hash, name_dob_hash";

    private final Sql sql;

    VictimIdentityRepository(Sql sql) {
        this.sql = sql;
    }

    /** Lock waits of the current transaction end after this long with SQLSTATE 55P03 (lock_not_available). */
    public void limitLockWaits(Duration timeout) {
        sql.query("SELECT set_config('lock_timeout', ?, true)", r -> true, Math.max(1, timeout.toMillis()) + "ms");
    }

    /**
     * Takes all of a batch's transaction-scoped locks in one round trip. The keys come sorted, and PostgreSQL takes
     * them in the array's order, so two batches (or a batch and a single decision) never wait on each other in a
     * cycle.
     */
    public void lockAll(SortedSet<Long> keys) {
        if (!keys.isEmpty()) {
            sql.query(
                    "SELECT count(*) FROM (SELECT pg_advisory_xact_lock(k) FROM unnest(?) AS k) AS locked",
                    r -> true,
                    keys);
        }
    }

    /**
     * Every stored identity sharing one of these hashes, recorded in (from, to]: all a batch whose hashes these are
     * and whose lookup windows lie within (from, to] can match. Without their policy input, which only re-deciding
     * needs ({@link #rowsOf}).
     */
    public KnownIdentities sharing(Collection<String> hashes, Instant from, Instant to) {
        if (hashes.isEmpty()) {
            return new KnownIdentities(List.of());
        }
        String[] array = hashes.toArray(String[]::new);
        // One index lookup per hash and column (a nested loop over the partial hash indexes), then the window in
        // Java. The window in SQL let the driver's generic plan, which cannot know how wide (from, to] is, read the
        // whole window through the recorded_at index and hash-join it: 60 ms a batch at 64,000 identities, however
        // small the batch, so a trickle of single referrals cost that each. A hash matches a handful of rows, and
        // retention keeps them within a window or so of the newest, so the rows read outside the window are few.
        // Not "a = ANY(?) OR b = ANY(?)" either: under a generic plan that tests every identity against the whole
        // array (3.5 s at 58,000 identities).
        List<KnownIdentities.Known> rows = sql.query(
                "SELECT " + COLUMNS + " FROM unnest(?::text[]) AS h(hash)"
                        + " JOIN victim_identity v ON v.person_ref_hash = h.hash"
                        + " UNION SELECT " + COLUMNS + " FROM unnest(?::text[]) AS h(hash)"
                        + " JOIN victim_identity v ON v.name_dob_hash = h.hash",
                r -> known(r, false),
                array,
                array);
        List<KnownIdentities.Known> inWindow = new ArrayList<>(rows.size());
        for (KnownIdentities.Known k : rows) {
            if (k.recordedAt().isAfter(from) && !k.recordedAt().isAfter(to)) {
                inWindow.add(k);
            }
        }
        return new KnownIdentities(inWindow);
    }

    /**
     * The stored rows of these referrals, with their policy input, as they are now (inside the caller's transaction).
     */
    public List<KnownIdentities.Known> rowsOf(Collection<UUID> referralIds) {
        if (referralIds.isEmpty()) {
            return List.of();
        }
        return sql.query(
                "SELECT " + COLUMNS + ", policy_input FROM victim_identity WHERE referral_id = ANY (?)",
                r -> known(r, true),
                referralIds);
    }

    private static KnownIdentities.Known known(ResultSet r, boolean withFacts) throws SQLException {
        String facts = withFacts ? r.getString("policy_input") : null;
        return new KnownIdentities.Known(
                Sql.uuid(r, "referral_id"),
                r.getInt("version"),
                r.getString("source"),
                r.getString("source_reference"),
                Sql.instant(r, "recorded_at"),
                new VictimIdentity(r.getString("person_ref_hash"), r.getString("name_dob_hash")),
                facts == null ? null : PolicyInput.fromJson(facts));
    }

    /**
     * Writes back what deciding a batch changed: rows kept (inserted or replaced, stamped {@code storedAt}) and rows
     * removed.
     */
    public void apply(KnownIdentities identities, Instant storedAt) {
        deleteFor(identities.toRemove());
        sql.batch(
                UPSERT,
                identities.toKeep().stream()
                        .map(k -> new Object[] {
                            k.referralId(),
                            k.version(),
                            k.source(),
                            k.sourceReference(),
                            k.recordedAt(),
                            orEmpty(k.identity().personRefHash()),
                            orEmpty(k.identity().nameDobHash()),
                            storedAt,
                            k.facts() == null ? null : k.facts().toJson()
                        })
                        .toList());
    }

    /** The upsert stores an empty hash as null ({@code NULLIF}): one parameter type whether a hash is there or not. */
    private static String orEmpty(String hash) {
        return hash == null ? "" : hash;
    }

    /** The lock keys of a referral and of each hash of its identity: who holds them decides for it and its victim. */
    public static SortedSet<Long> lockKeys(UUID referralId, VictimIdentity identity) {
        SortedSet<Long> keys = new TreeSet<>();
        keys.add(lockKey(referralId));
        identity.hashes().forEach(hash -> keys.add(lockKey(hash)));
        return keys;
    }

    /** A lock key for a hash: its first 64 bits. */
    public static long lockKey(String hash) {
        return Long.parseUnsignedLong(hash.substring(0, 16), 16);
    }

    /** A lock key for a referral, so its versions are never decided at the same time. */
    public static long lockKey(UUID referralId) {
        return referralId.getMostSignificantBits() ^ referralId.getLeastSignificantBits();
    }

    /** Removes the identities of these referrals (erasure), inside the caller's transaction; returns how many. */
    public int deleteFor(Collection<UUID> referralIds) {
        if (referralIds.isEmpty()) {
            return 0;
        }
        return sql.update("DELETE FROM victim_identity WHERE referral_id = ANY (?)", referralIds);
    }

    /**
     * Deletes up to {@code limit} identities recorded at or before {@code recordedUpTo} and stored at or before
     * {@code storedUpTo}, in the caller's (short) transaction; returns how many (fewer than the limit: none are left).
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public int deleteExpired(Instant recordedUpTo, Instant storedUpTo, int limit) {
        return sql.update("""
                DELETE FROM victim_identity WHERE referral_id IN (
                    SELECT referral_id FROM victim_identity WHERE recorded_at <= ? AND stored_at <= ? LIMIT ?)
                """, recordedUpTo, storedUpTo, limit);
    }
}
