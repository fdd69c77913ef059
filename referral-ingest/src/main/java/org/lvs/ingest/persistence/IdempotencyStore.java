package org.lvs.ingest.persistence;

import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Collection;
import java.util.Optional;
import java.util.UUID;

/** Idempotency-Keys of self-referrals (table {@code self_referral_idempotency}). */
@ApplicationScoped
public class IdempotencyStore {

    private final AgroalDataSource dataSource;

    IdempotencyStore(AgroalDataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** The live record of a key (created at or after {@code notBefore}), if any. */
    @Transactional(Transactional.TxType.SUPPORTS)
    public Optional<IdempotencyRecord> find(String key, Instant notBefore) {
        try (Connection c = dataSource.getConnection();
                PreparedStatement select = c.prepareStatement("""
                SELECT referral_id, source_reference, recorded_at, created_at FROM self_referral_idempotency
                WHERE idempotency_key = ? AND created_at >= ?""")) {
            select.setString(1, key);
            select.setTimestamp(2, Timestamp.from(notBefore));
            try (ResultSet rs = select.executeQuery()) {
                if (!rs.next()) {
                    return Optional.empty();
                }
                return Optional.of(new IdempotencyRecord(
                        key,
                        rs.getObject(1, UUID.class),
                        rs.getString(2),
                        rs.getTimestamp(3).toInstant(),
                        rs.getTimestamp(4).toInstant()));
            }
        } catch (SQLException e) {
            throw StoreUnavailableException.of(e);
        }
    }

    /**
     * Stores the key for this referral in the caller's transaction. A concurrent transaction that stored the same key
     * first makes this one wait for its outcome (the primary key); an expired record is replaced.
     *
     * @return false when the key is held by a live record of another request (the caller answers with that one)
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public boolean claim(IdempotencyClaim claim, UUID referralId, Instant now) {
        try (Connection c = dataSource.getConnection();
                PreparedStatement insert = c.prepareStatement("""
                INSERT INTO self_referral_idempotency AS i
                    (idempotency_key, referral_id, source_reference, recorded_at, created_at)
                VALUES (?, ?, ?, ?, ?)
                ON CONFLICT (idempotency_key) DO UPDATE SET referral_id = EXCLUDED.referral_id,
                    source_reference = EXCLUDED.source_reference, recorded_at = EXCLUDED.recorded_at,
                    created_at = EXCLUDED.created_at
                WHERE i.created_at < ?
                RETURNING idempotency_key""")) {
            insert.setString(1, claim.key());
            insert.setObject(2, referralId);
            insert.setString(3, claim.sourceReference());
            insert.setTimestamp(4, Timestamp.from(claim.recordedAt()));
            insert.setTimestamp(5, Timestamp.from(now));
            insert.setTimestamp(6, Timestamp.from(claim.expiredBefore()));
            try (ResultSet rs = insert.executeQuery()) {
                return rs.next();
            }
        } catch (SQLException e) {
            throw StoreUnavailableException.of(e);
        }
    }

    /** Forgets expired keys. */
    @Transactional
    public int deleteExpired(Instant createdBefore) {
        try (Connection c = dataSource.getConnection();
                PreparedStatement delete =
                        c.prepareStatement("DELETE FROM self_referral_idempotency WHERE created_at < ?")) {
            delete.setTimestamp(1, Timestamp.from(createdBefore));
            return delete.executeUpdate();
        } catch (SQLException e) {
            throw StoreUnavailableException.of(e);
        }
    }

    /** Erasure: forgets the keys of these referrals. */
    @Transactional(Transactional.TxType.MANDATORY)
    public int deleteForReferrals(Collection<UUID> referralIds) {
        if (referralIds.isEmpty()) {
            return 0;
        }
        try (Connection c = dataSource.getConnection();
                PreparedStatement delete =
                        c.prepareStatement("DELETE FROM self_referral_idempotency WHERE referral_id = ANY (?)")) {
            delete.setArray(1, c.createArrayOf("uuid", referralIds.toArray()));
            return delete.executeUpdate();
        } catch (SQLException e) {
            throw StoreUnavailableException.of(e);
        }
    }
}
