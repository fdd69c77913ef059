package org.lvs.triage.persistence;

import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.ZoneOffset;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import javax.sql.DataSource;
import org.lvs.triage.domain.Erasure;

/** The referrals whose victim's personal data was erased (no personal data itself). */
@ApplicationScoped
public class ErasureRepository {

    private final DataSource dataSource;

    ErasureRepository(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** Records the erasures inside the caller's transaction; the first of each referral counts. */
    public void record(List<Erasure> erasures) {
        if (erasures.isEmpty()) {
            return;
        }
        try (Connection connection = dataSource.getConnection();
                PreparedStatement insert = connection.prepareStatement(
                        "INSERT INTO erased_referral (referral_id, reason, erased_at) VALUES (?, ?, ?) "
                                + "ON CONFLICT (referral_id) DO NOTHING")) {
            for (Erasure erasure : erasures) {
                insert.setObject(1, erasure.referralId());
                insert.setString(2, erasure.reason());
                insert.setObject(3, erasure.at().atOffset(ZoneOffset.UTC));
                insert.addBatch();
            }
            insert.executeBatch();
        } catch (SQLException e) {
            throw new IllegalStateException("cannot record erasures", e);
        }
    }

    /** Those of these referrals whose personal data was erased. */
    public Set<UUID> erasedAmong(Collection<UUID> referralIds) {
        Set<UUID> erased = new HashSet<>();
        if (referralIds.isEmpty()) {
            return erased;
        }
        try (Connection connection = dataSource.getConnection();
                PreparedStatement select = connection.prepareStatement(
                        "SELECT referral_id FROM erased_referral WHERE referral_id = ANY (?)")) {
            select.setArray(1, connection.createArrayOf("uuid", referralIds.toArray()));
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    erased.add(rows.getObject(1, UUID.class));
                }
            }
            return erased;
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read erasures", e);
        }
    }
}
