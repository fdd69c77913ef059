package org.lvs.commons.outbox;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import javax.sql.DataSource;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.jboss.logging.Logger;
import org.lvs.commons.failure.Failure;
import org.lvs.commons.failure.FailureKind;
import org.lvs.commons.failure.Failures;
import org.lvs.commons.messaging.EventPublisher;

/**
 * Publishes outbox rows in commit order and deletes them once the broker acknowledged them (ADR 0002).
 *
 * <ul>
 * <li><b>Commit order per referral</b>: every service writes a referral's events while holding that referral's lock
 * (its row, or an advisory lock), so one referral's rows get increasing ids in the order their transactions commit,
 * and a row is never visible before an earlier one of the same referral. Rows leave in id order.</li>
 * <li><b>One relay at a time</b> per schema: each round holds a transaction-scoped advisory lock, so two instances
 * never send interleaved batches that could overtake each other.</li>
 * <li><b>No re-publishing while the database refuses writes</b>: rows are claimed {@code FOR UPDATE}, a write, before
 * anything is sent; a database that refuses writes stops the round there.</li>
 * <li><b>Each row on its own</b>: a row the broker refuses for good (too large, invalid topic) is quarantined with
 * its reason; one it refuses with a transient error stays, and after {@link OutboxConfig#quarantineAfter()} such
 * rounds while other rows go out it is quarantined too. The rest is deleted once acknowledged, so nothing is sent
 * again every round.</li>
 * <li><b>Never dies</b>: any {@link Throwable} of a round is logged by kind and the round is retried with backoff.</li>
 * </ul>
 * A crash between the broker's acknowledgement and the commit re-sends the same event ids, which consumers drop.
 */
@ApplicationScoped
public class OutboxRelay {

    private static final Logger LOG = Logger.getLogger(OutboxRelay.class);
    private static final String LOCK =
            "select pg_try_advisory_xact_lock(hashtext(current_schema() || '.outbox_relay'))";
    private static final String CLAIM =
            "select id, topic, record_key, payload, attempts from outbox_event " + "order by id limit ? for update";
    private static final String DELETE = "delete from outbox_event where id = any (?)";
    private static final String FAILED = "update outbox_event set attempts = attempts + 1, last_error = ? where id = ?";
    private static final String QUARANTINE = "insert into outbox_quarantine "
            + "(id, event_id, topic, record_key, payload, created_at, quarantined_at, reason) "
            + "select id, event_id, topic, record_key, payload, created_at, ?, ? from outbox_event where id = ?";

    private final DataSource dataSource;
    private final EventPublisher publisher;
    private final OutboxSignal signal;
    private final OutboxConfig config;
    private final Clock clock;
    private final OutboxMonitor monitor;

    private volatile boolean running;
    private Thread worker;

    OutboxRelay(
            DataSource dataSource,
            EventPublisher publisher,
            OutboxSignal signal,
            OutboxConfig config,
            Clock clock,
            OutboxMonitor monitor) {
        this.dataSource = dataSource;
        this.publisher = publisher;
        this.signal = signal;
        this.config = config;
        this.clock = clock;
        this.monitor = monitor;
    }

    void start(@Observes StartupEvent event) {
        if (!config.enabled()) {
            return;
        }
        running = true;
        worker = new Thread(this::loop, "outbox-relay");
        worker.setDaemon(true);
        worker.start();
    }

    void stop(@Observes ShutdownEvent event) {
        running = false;
        if (worker != null) {
            signal.wake();
            try {
                worker.join(5000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** True while the relay thread runs (liveness). */
    boolean alive() {
        return !config.enabled() || (worker != null && worker.isAlive()) || !running;
    }

    private void loop() {
        long backoff = config.pollInterval().toMillis();
        while (running) {
            try {
                Round round;
                do {
                    round = relayBatch();
                    // counted after the commit: nothing of the monitor can roll a round back
                    monitor.published(round.sent());
                } while (running && round.claimed() == config.batchSize() && round.sent() > 0);
                if (round.failed() > 0) {
                    sleepQuietly(backoff);
                    backoff = Math.min(backoff * 2, config.maxBackoff().toMillis());
                } else {
                    backoff = config.pollInterval().toMillis();
                    long linger = config.linger().toMillis();
                    if (signal.await(config.pollInterval().toMillis()) && linger > 0) {
                        Thread.sleep(linger);
                    }
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (Throwable e) {
                // The database or the broker is away, or worse: the rows stay and go out on a later round. Nothing
                // in here may throw, or the relay thread would end.
                try {
                    Failure failure = Failures.classify(e);
                    LOG.warnf("outbox relay round failed (%s); retrying in %d ms", failure.reason(), backoff);
                    monitor.failed(failure.reason());
                } catch (Throwable reporting) {
                    LOG.errorf(
                            "outbox relay round failed (%s), and reporting it failed too (%s)",
                            e.getClass().getSimpleName(), reporting.getClass().getSimpleName());
                }
                sleepQuietly(backoff);
                backoff = Math.min(backoff * 2, config.maxBackoff().toMillis());
            }
        }
    }

    /** What one round did: rows claimed, sent and acknowledged, and rows the broker refused this time. */
    record Round(int claimed, int sent, int failed) {}

    /** Publishes one batch of rows in commit order. */
    Round relayBatch() {
        return QuarkusTransaction.requiringNew().call(() -> {
            try (Connection connection = dataSource.getConnection()) {
                if (!lockRelay(connection)) {
                    return new Round(0, 0, 0);
                }
                List<Row> rows = claim(connection);
                if (rows.isEmpty()) {
                    return new Round(0, 0, 0);
                }
                List<Future<RecordMetadata>> acks = new ArrayList<>(rows.size());
                Set<String> unavailable = new HashSet<>();
                for (Row row : rows) {
                    if (unavailable.contains(row.topic())) {
                        // the producer already waited for this topic's metadata once this round: do not wait again
                        acks.add(CompletableFuture.failedFuture(
                                new org.apache.kafka.common.errors.TimeoutException("topic unavailable this round")));
                        continue;
                    }
                    Future<RecordMetadata> ack =
                            publisher.send(new ProducerRecord<>(row.topic(), row.key(), row.payload()));
                    if (failedWithTimeout(ack)) {
                        unavailable.add(row.topic());
                    }
                    acks.add(ack);
                }
                List<Long> sent = new ArrayList<>();
                List<Row> refused = new ArrayList<>();
                List<Failure> reasons = new ArrayList<>();
                long deadline = System.nanoTime() + publisher.timeout().toNanos();
                for (int i = 0; i < rows.size(); i++) {
                    Failure failure = awaitAck(acks.get(i), deadline);
                    if (failure == null) {
                        sent.add(rows.get(i).id());
                    } else {
                        refused.add(rows.get(i));
                        reasons.add(failure);
                    }
                }
                delete(connection, sent);
                int failed = handleRefused(connection, refused, reasons, !sent.isEmpty());
                return new Round(rows.size(), sent.size(), failed);
            } catch (SQLException e) {
                throw new IllegalStateException("outbox relay: database error", e);
            }
        });
    }

    private static boolean failedWithTimeout(Future<RecordMetadata> ack) {
        if (!ack.isDone()) {
            return false;
        }
        try {
            ack.get();
            return false;
        } catch (ExecutionException e) {
            return e.getCause() instanceof org.apache.kafka.common.errors.TimeoutException;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private static boolean lockRelay(Connection connection) throws SQLException {
        try (PreparedStatement lock = connection.prepareStatement(LOCK);
                ResultSet result = lock.executeQuery()) {
            return result.next() && result.getBoolean(1);
        }
    }

    private List<Row> claim(Connection connection) throws SQLException {
        List<Row> rows = new ArrayList<>();
        try (PreparedStatement claim = connection.prepareStatement(CLAIM)) {
            claim.setInt(1, config.batchSize());
            try (ResultSet result = claim.executeQuery()) {
                while (result.next()) {
                    rows.add(new Row(
                            result.getLong(1),
                            result.getString(2),
                            result.getString(3),
                            result.getString(4),
                            result.getInt(5)));
                }
            }
        }
        return rows;
    }

    /** Null when acknowledged, else the classified failure. */
    private static Failure awaitAck(Future<RecordMetadata> ack, long deadline) {
        try {
            ack.get(Math.max(1, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            return null;
        } catch (ExecutionException e) {
            return Failures.classify(e.getCause() == null ? e : e.getCause());
        } catch (TimeoutException e) {
            return new Failure(FailureKind.TRANSIENT, "broker did not acknowledge in time");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Failure(FailureKind.TRANSIENT, "interrupted");
        } catch (RuntimeException e) {
            return Failures.classify(e);
        }
    }

    private static void delete(Connection connection, List<Long> ids) throws SQLException {
        if (ids.isEmpty()) {
            return;
        }
        try (PreparedStatement delete = connection.prepareStatement(DELETE)) {
            delete.setArray(1, connection.createArrayOf("bigint", ids.toArray()));
            delete.executeUpdate();
        }
    }

    /**
     * Quarantines rows refused for good, and rows refused again and again while others went out; counts a failed
     * attempt on the rest. Returns how many rows stay pending.
     */
    private int handleRefused(Connection connection, List<Row> refused, List<Failure> reasons, boolean brokerTookOthers)
            throws SQLException {
        int pending = 0;
        Timestamp now = Timestamp.from(clock.instant());
        for (int i = 0; i < refused.size(); i++) {
            Row row = refused.get(i);
            Failure failure = reasons.get(i);
            boolean forGood = failure.kind() == FailureKind.PERMANENT
                    || (brokerTookOthers && row.attempts() + 1 >= config.quarantineAfter());
            if (forGood) {
                String reason = failure.kind() == FailureKind.PERMANENT
                        ? failure.reason()
                        : "refused " + (row.attempts() + 1) + " times while other rows went out: " + failure.reason();
                try (PreparedStatement quarantine = connection.prepareStatement(QUARANTINE)) {
                    quarantine.setTimestamp(1, now);
                    quarantine.setString(2, reason);
                    quarantine.setLong(3, row.id());
                    quarantine.executeUpdate();
                }
                delete(connection, List.of(row.id()));
                monitor.quarantined();
                LOG.errorf("outbox row %d (topic %s) quarantined: %s", row.id(), row.topic(), reason);
            } else {
                try (PreparedStatement failed = connection.prepareStatement(FAILED)) {
                    failed.setString(1, failure.reason());
                    failed.setLong(2, row.id());
                    failed.executeUpdate();
                }
                pending++;
            }
        }
        if (pending > 0) {
            LOG.warnf(
                    "the broker refused %d outbox row(s) for now (%s); they stay pending",
                    pending, reasons.get(0).reason());
        }
        return pending;
    }

    private record Row(long id, String topic, String key, String payload, int attempts) {}

    private static void sleepQuietly(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
