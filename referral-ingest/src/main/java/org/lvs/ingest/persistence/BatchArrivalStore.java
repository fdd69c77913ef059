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
import java.util.HashMap;
import java.util.Map;
import java.util.TreeSet;

/** When each source's last batch was accepted (table {@code batch_arrival}). */
@ApplicationScoped
public class BatchArrivalStore {

    private final AgroalDataSource dataSource;

    BatchArrivalStore(AgroalDataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** Records a batch of these sources at {@code at}, in the caller's transaction; never moves a time backwards. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void arrived(Collection<String> sources, Instant at) {
        if (sources.isEmpty()) {
            return;
        }
        try (Connection c = dataSource.getConnection();
                PreparedStatement upsert = c.prepareStatement("""
                INSERT INTO batch_arrival AS b (source, last_batch_at) VALUES (?, ?)
                ON CONFLICT (source) DO UPDATE SET last_batch_at = greatest(b.last_batch_at, EXCLUDED.last_batch_at)""")) {
            for (String source : new TreeSet<>(sources)) {
                upsert.setString(1, source);
                upsert.setTimestamp(2, Timestamp.from(at));
                upsert.addBatch();
            }
            upsert.executeBatch();
        } catch (SQLException e) {
            throw StoreUnavailableException.of(e);
        }
    }

    /** Every source's last batch. */
    @Transactional(Transactional.TxType.SUPPORTS)
    public Map<String, Instant> all() {
        try (Connection c = dataSource.getConnection();
                PreparedStatement select = c.prepareStatement("SELECT source, last_batch_at FROM batch_arrival");
                ResultSet rs = select.executeQuery()) {
            Map<String, Instant> last = new HashMap<>();
            while (rs.next()) {
                last.put(rs.getString(1), rs.getTimestamp(2).toInstant());
            }
            return last;
        } catch (SQLException e) {
            throw StoreUnavailableException.of(e);
        }
    }
}
