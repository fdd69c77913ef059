package org.lvs.commons;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;

/**
 * A test-only consumer's state change: writes {@code key → value} rows in one transaction, the way a service applies a
 * poll. Keys can be told to fail: transiently a number of times (a lost connection), or always with an error nobody
 * recognises.
 */
@ApplicationScoped
public class ProbeFacts {

    public record Fact(String key, String value) {}

    private final DataSource dataSource;
    private final Map<String, AtomicInteger> transientFailures = new ConcurrentHashMap<>();
    private final Map<String, Boolean> alwaysUnknown = new ConcurrentHashMap<>();
    private final AtomicInteger calls = new AtomicInteger();

    ProbeFacts(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    public void failTransiently(String key, int times) {
        transientFailures.put(key, new AtomicInteger(times));
    }

    public void failAlwaysUnrecognised(String key) {
        alwaysUnknown.put(key, true);
    }

    public int calls() {
        return calls.get();
    }

    @Transactional
    public void apply(List<Fact> facts) {
        calls.incrementAndGet();
        try (Connection connection = dataSource.getConnection();
                PreparedStatement insert = connection.prepareStatement(
                        "insert into probe_fact (id, note) values (?, ?) on conflict (id) do nothing")) {
            for (Fact fact : facts) {
                AtomicInteger left = transientFailures.get(fact.key());
                if (left != null && left.getAndDecrement() > 0) {
                    throw new SQLException("connection lost (simulated)", "08006");
                }
                if (alwaysUnknown.containsKey(fact.key())) {
                    throw new IllegalStateException("a bug that only this record triggers (simulated)");
                }
                insert.setString(1, fact.key());
                insert.setString(2, fact.value());
                insert.addBatch();
            }
            insert.executeBatch();
        } catch (SQLException e) {
            throw new IllegalStateException("cannot write probe facts", e);
        }
    }

    public List<String> keys(String prefix) {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement select =
                        connection.prepareStatement("select id from probe_fact where id like ? order by id")) {
            select.setString(1, prefix + "%");
            List<String> keys = new ArrayList<>();
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    keys.add(rows.getString(1));
                }
            }
            return keys;
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
