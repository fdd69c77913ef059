package org.lvs.ingest.persistence;

import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;

/**
 * The self-referral limit's fixed windows (table {@code self_referral_bucket}), shared by every instance. One atomic
 * upsert counts a request: it opens a new window when the client's last one has passed, else adds one to it. Plain
 * JDBC in auto-commit: it runs on a worker thread before the request is routed, outside any transaction.
 */
@ApplicationScoped
public class RateBucketStore {

    /** The window a hit was counted in and how many hits it holds now. */
    public record Count(Instant windowStart, int hits) {}

    private final AgroalDataSource dataSource;

    RateBucketStore(AgroalDataSource dataSource) {
        this.dataSource = dataSource;
    }

    public Count hit(String clientKey, Instant now, Duration window) {
        try (Connection c = dataSource.getConnection();
                PreparedStatement upsert = c.prepareStatement("""
                INSERT INTO self_referral_bucket AS b (client_key, window_start, hits) VALUES (?, ?, 1)
                ON CONFLICT (client_key) DO UPDATE SET
                    window_start = CASE WHEN b.window_start + ? * interval '1 millisecond' <= EXCLUDED.window_start
                                        THEN EXCLUDED.window_start ELSE b.window_start END,
                    hits = CASE WHEN b.window_start + ? * interval '1 millisecond' <= EXCLUDED.window_start
                                THEN 1 ELSE b.hits + 1 END
                RETURNING window_start, hits""")) {
            upsert.setString(1, clientKey);
            upsert.setTimestamp(2, Timestamp.from(now));
            upsert.setLong(3, window.toMillis());
            upsert.setLong(4, window.toMillis());
            try (ResultSet rs = upsert.executeQuery()) {
                rs.next();
                return new Count(rs.getTimestamp(1).toInstant(), rs.getInt(2));
            }
        } catch (SQLException e) {
            throw StoreUnavailableException.of(e);
        }
    }

    /** Forgets windows that ended before {@code before}. */
    public int deleteEndedBefore(Instant before) {
        try (Connection c = dataSource.getConnection();
                PreparedStatement delete =
                        c.prepareStatement("DELETE FROM self_referral_bucket WHERE window_start < ?")) {
            delete.setTimestamp(1, Timestamp.from(before));
            return delete.executeUpdate();
        } catch (SQLException e) {
            throw StoreUnavailableException.of(e);
        }
    }
}
