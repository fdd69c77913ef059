package org.lvs.triage.persistence;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.lvs.triage.domain.EarlierReferral;
import org.lvs.triage.domain.VictimIdentity;

/**
 * Keyed hashes of the identities decided referrals carried. Decisions of one victim are serialised with PostgreSQL
 * advisory transaction locks on the identity hashes, so with several instances (different partitions) the repeat
 * count still sees every referral of the victim decided before.
 */
@ApplicationScoped
public class VictimIdentityRepository {

    private final EntityManager em;

    VictimIdentityRepository(EntityManager em) {
        this.em = em;
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
        em.createNativeQuery("""
                INSERT INTO victim_identity (referral_id, version, source, source_reference, recorded_at,
                                             person_ref_hash, name_dob_hash)
                VALUES (:id, :version, :source, :ref, :recordedAt,
                        NULLIF(:personRef, ''), NULLIF(:nameDob, ''))
                ON CONFLICT (referral_id) DO UPDATE SET version = EXCLUDED.version, source = EXCLUDED.source,
                    source_reference = EXCLUDED.source_reference, recorded_at = EXCLUDED.recorded_at,
                    person_ref_hash = EXCLUDED.person_ref_hash, name_dob_hash = EXCLUDED.name_dob_hash
                WHERE victim_identity.version < EXCLUDED.version
                """).setParameter("id", referralId).setParameter("version", version).setParameter("source", source)
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
