package org.lvs.triage.persistence;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.SortedSet;
import java.util.UUID;
import javax.sql.DataSource;
import org.lvs.triage.domain.EarlierReferral;
import org.lvs.triage.domain.KnownIdentities;
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
                                         person_ref_hash, name_dob_hash)
            VALUES (:id, :version, :source, :ref, :recordedAt, NULLIF(:personRef, ''), NULLIF(:nameDob, ''))
            ON CONFLICT (referral_id) DO UPDATE SET version = EXCLUDED.version, source = EXCLUDED.source,
                source_reference = EXCLUDED.source_reference, recorded_at = EXCLUDED.recorded_at,
                person_ref_hash = EXCLUDED.person_ref_hash, name_dob_hash = EXCLUDED.name_dob_hash
            WHERE victim_identity.version < EXCLUDED.version
            """;
    /** The same statement with JDBC's positional parameters, for batches. */
    private static final String UPSERT_JDBC = UPSERT.replaceAll(":\\w+", "?");

    private final EntityManager em;
    private final DataSource dataSource;

    VictimIdentityRepository(EntityManager em, DataSource dataSource) {
        this.em = em;
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

    /** Writes back what deciding a batch changed: rows kept (inserted or replaced) and rows removed. */
    public void apply(KnownIdentities identities) {
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
                try (PreparedStatement upsert = connection.prepareStatement(UPSERT_JDBC)) {
                    for (KnownIdentities.Known k : kept) {
                        upsert.setObject(1, k.referralId());
                        upsert.setInt(2, k.version());
                        upsert.setString(3, k.source());
                        upsert.setString(4, k.sourceReference());
                        upsert.setObject(5, k.recordedAt().atOffset(ZoneOffset.UTC));
                        upsert.setString(6, k.identity().personRefHash() == null ? "" : k.identity().personRefHash());
                        upsert.setString(7, k.identity().nameDobHash() == null ? "" : k.identity().nameDobHash());
                        upsert.addBatch();
                    }
                    upsert.executeBatch();
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot store victim identities", e);
        }
    }

    /**
     * Waits for and takes transaction-scoped locks on these keys, in ascending order so two transactions never wait
     * on each other in a cycle. Released at commit or rollback.
     */
    public void lock(List<Long> keys) {
        keys.stream().distinct().sorted().forEach(key -> em
                .createNativeQuery("SELECT 1 FROM (SELECT pg_advisory_xact_lock(:key)) AS locked")
                .setParameter("key", key).getSingleResult());
    }

    /** A lock key for a hash: its first 64 bits. */
    public static long lockKey(String hash) {
        return Long.parseUnsignedLong(hash.substring(0, 16), 16);
    }

    /** A lock key for a referral, so its versions are never decided at the same time. */
    public static long lockKey(UUID referralId) {
        return referralId.getMostSignificantBits() ^ referralId.getLeastSignificantBits();
    }

    /** Other referrals whose identity shares either hash with this one, recorded in (from, to]. */
    public List<EarlierReferral> matching(VictimIdentity identity, UUID excludingReferralId, Instant from, Instant to) {
        if (identity.isEmpty()) {
            return List.of();
        }
        // Both hashes are domain-prefixed before hashing, so a personRef hash never equals a name hash.
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery("""
                SELECT referral_id, source_reference, recorded_at FROM victim_identity
                WHERE referral_id <> :self AND recorded_at > :from AND recorded_at <= :to
                  AND (person_ref_hash IN (:hashes) OR name_dob_hash IN (:hashes))
                ORDER BY recorded_at, referral_id
                """).setParameter("self", excludingReferralId).setParameter("from", Timestamp.from(from))
                .setParameter("to", Timestamp.from(to)).setParameter("hashes", identity.hashes()).getResultList();
        return rows.stream().map(r -> new EarlierReferral((UUID) r[0], (String) r[1], toInstant(r[2]))).toList();
    }

    /** Keeps the identity of a referral's latest decided version; none (no consent) removes it. */
    public void record(UUID referralId, int version, String source, String sourceReference, Instant recordedAt,
            VictimIdentity identity) {
        if (identity.isEmpty()) {
            em.createNativeQuery("DELETE FROM victim_identity WHERE referral_id = :id")
                    .setParameter("id", referralId).executeUpdate();
            return;
        }
        em.createNativeQuery(UPSERT).setParameter("id", referralId).setParameter("version", version).setParameter("source", source)
                .setParameter("ref", sourceReference).setParameter("recordedAt", Timestamp.from(recordedAt))
                .setParameter("personRef", identity.personRefHash() == null ? "" : identity.personRefHash())
                .setParameter("nameDob", identity.nameDobHash() == null ? "" : identity.nameDobHash())
                .executeUpdate();
    }

    private static Instant toInstant(Object value) {
        if (value instanceof Instant i) {
            return i;
        }
        if (value instanceof Timestamp t) {
            return t.toInstant();
        }
        if (value instanceof java.time.OffsetDateTime o) {
            return o.toInstant();
        }
        throw new IllegalStateException("unexpected timestamp type " + value.getClass());
    }
}
