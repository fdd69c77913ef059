package org.lvs.triage.persistence;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.UUID;
import javax.sql.DataSource;
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

    private final DataSource dataSource;

    VictimIdentityRepository(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** Lock waits of the current transaction end after this long with SQLSTATE 55P03 (lock_not_available). */
    public void limitLockWaits(Duration timeout) {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement set = connection.prepareStatement("SELECT set_config('lock_timeout', ?, true)")) {
            set.setString(1, Math.max(1, timeout.toMillis()) + "ms");
            set.executeQuery().close();
        } catch (SQLException e) {
            throw new IllegalStateException("cannot set the lock timeout", e);
        }
    }

    /**
     * Takes all of a batch's transaction-scoped locks in one round trip. The keys come sorted, and PostgreSQL takes
     * them in the array's order, so two batches (or a batch and a single decision) never wait on each other in a
     * cycle.
     */
    public void lockAll(SortedSet<Long> keys) {
        if (keys.isEmpty()) {
            return;
        }
        try (Connection connection = dataSource.getConnection();
                PreparedStatement lock = connection.prepareStatement(
                        "SELECT count(*) FROM (SELECT pg_advisory_xact_lock(k) FROM unnest(?) AS k) AS locked")) {
            lock.setArray(1, connection.createArrayOf("bigint", keys.toArray()));
            lock.executeQuery().close();
        } catch (SQLException e) {
            throw new IllegalStateException("cannot take the batch's locks", e);
        }
    }

    /**
     * Every stored identity sharing one of these hashes, recorded in (from, to]: all a batch whose hashes these are
     * and whose lookup windows lie within (from, to] can match.
     */
    public KnownIdentities sharing(Collection<String> hashes, Instant from, Instant to) {
        List<KnownIdentities.Known> rows = new ArrayList<>();
        if (!hashes.isEmpty()) {
            try (Connection connection = dataSource.getConnection();
                    PreparedStatement select = connection.prepareStatement("""
                            SELECT referral_id, version, source, source_reference, recorded_at, person_ref_hash,
                                   name_dob_hash
                            FROM victim_identity
                            WHERE (person_ref_hash = ANY (?) OR name_dob_hash = ANY (?))
                              AND recorded_at > ? AND recorded_at <= ?
                            """)) {
                var array = connection.createArrayOf("varchar", hashes.toArray());
                select.setArray(1, array);
                select.setArray(2, array);
                select.setObject(3, from.atOffset(ZoneOffset.UTC));
                select.setObject(4, to.atOffset(ZoneOffset.UTC));
                try (ResultSet r = select.executeQuery()) {
                    while (r.next()) {
                        rows.add(new KnownIdentities.Known(r.getObject(1, UUID.class), r.getInt(2), r.getString(3),
                                r.getString(4), r.getObject(5, OffsetDateTime.class).toInstant(),
                                new VictimIdentity(r.getString(6), r.getString(7))));
                    }
                }
            } catch (SQLException e) {
                throw new IllegalStateException("cannot read victim identities", e);
            }
        }
        return new KnownIdentities(rows);
    }

    /**
     * Writes back what deciding a batch changed: rows kept (inserted or replaced, stamped {@code storedAt}) and rows
     * removed.
     */
    public void apply(KnownIdentities identities, Instant storedAt) {
        List<UUID> removed = identities.toRemove();
        List<KnownIdentities.Known> kept = identities.toKeep();
        try (Connection connection = dataSource.getConnection()) {
            if (!removed.isEmpty()) {
                try (PreparedStatement delete = connection.prepareStatement(
                        "DELETE FROM victim_identity WHERE referral_id = ANY (?)")) {
                    delete.setArray(1, connection.createArrayOf("uuid", removed.toArray()));
                    delete.executeUpdate();
                }
            }
            if (!kept.isEmpty()) {
                try (PreparedStatement upsert = connection.prepareStatement(UPSERT)) {
                    for (KnownIdentities.Known k : kept) {
                        upsert.setObject(1, k.referralId());
                        upsert.setInt(2, k.version());
                        upsert.setString(3, k.source());
                        upsert.setString(4, k.sourceReference());
                        upsert.setObject(5, k.recordedAt().atOffset(ZoneOffset.UTC));
                        upsert.setString(6, k.identity().personRefHash() == null ? "" : k.identity().personRefHash());
                        upsert.setString(7, k.identity().nameDobHash() == null ? "" : k.identity().nameDobHash());
                        upsert.setObject(8, storedAt.atOffset(ZoneOffset.UTC));
                        upsert.setString(9, k.facts() == null ? null : k.facts().toJson());
                        upsert.addBatch();
                    }
                    upsert.executeBatch();
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot store victim identities", e);
        }
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

    /**
     * The stored rows of these referrals, with their policy input, as they are now (inside the caller's transaction).
     */
    public List<KnownIdentities.Known> rowsOf(Collection<UUID> referralIds) {
        List<KnownIdentities.Known> rows = new ArrayList<>();
        if (referralIds.isEmpty()) {
            return rows;
        }
        try (Connection connection = dataSource.getConnection();
                PreparedStatement select = connection.prepareStatement("""
                        SELECT referral_id, version, source, source_reference, recorded_at, person_ref_hash,
                               name_dob_hash, policy_input
                        FROM victim_identity WHERE referral_id = ANY (?)
                        """)) {
            select.setArray(1, connection.createArrayOf("uuid", referralIds.toArray()));
            try (ResultSet r = select.executeQuery()) {
                while (r.next()) {
                    String facts = r.getString(8);
                    rows.add(new KnownIdentities.Known(r.getObject(1, UUID.class), r.getInt(2), r.getString(3),
                            r.getString(4), r.getObject(5, OffsetDateTime.class).toInstant(),
                            new VictimIdentity(r.getString(6), r.getString(7)),
                            facts == null ? null : PolicyInput.fromJson(facts)));
                }
            }
            return rows;
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read victim identities", e);
        }
    }

    /** Removes the identities of these referrals (erasure), inside the caller's transaction; returns how many. */
    public int deleteFor(Collection<UUID> referralIds) {
        if (referralIds.isEmpty()) {
            return 0;
        }
        try (Connection connection = dataSource.getConnection();
                PreparedStatement delete = connection.prepareStatement(
                        "DELETE FROM victim_identity WHERE referral_id = ANY (?)")) {
            delete.setArray(1, connection.createArrayOf("uuid", referralIds.toArray()));
            return delete.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException("cannot delete victim identities", e);
        }
    }

    /**
     * Deletes up to {@code limit} identities recorded at or before {@code recordedUpTo} and stored at or before
     * {@code storedUpTo}, in a transaction of its own; returns how many (fewer than the limit: none are left).
     */
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public int deleteExpired(Instant recordedUpTo, Instant storedUpTo, int limit) {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement delete = connection.prepareStatement("""
                        DELETE FROM victim_identity WHERE referral_id IN (
                            SELECT referral_id FROM victim_identity WHERE recorded_at <= ? AND stored_at <= ? LIMIT ?)
                        """)) {
            delete.setObject(1, recordedUpTo.atOffset(ZoneOffset.UTC));
            delete.setObject(2, storedUpTo.atOffset(ZoneOffset.UTC));
            delete.setInt(3, limit);
            return delete.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException("cannot delete expired victim identities", e);
        }
    }
}
