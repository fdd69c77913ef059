package org.lvs.commons.outbox;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;
import org.jboss.logging.Logger;
import org.lvs.commons.messaging.EventPublisher;
import org.lvs.commons.messaging.OutgoingEvent;
import org.lvs.contract.event.EventJson;

/**
 * Publishes outbox rows in commit order and marks them published, in one transaction per batch. Rows are claimed
 * with {@code FOR UPDATE SKIP LOCKED}, so several instances of a service relay side by side without sending a row
 * twice; a crash between the broker's acknowledgement and the commit re-sends the same event id, which consumers
 * drop.
 */
@ApplicationScoped
public class OutboxRelay {

    private static final Logger LOG = Logger.getLogger(OutboxRelay.class);
    private static final String CLAIM = "select id, topic, record_key, payload from outbox_event "
            + "where published_at is null order by id limit ? for update skip locked";
    private static final String MARK = "update outbox_event set published_at = ? where id = ?";

    @Inject
    DataSource dataSource;
    @Inject
    EventPublisher publisher;
    @Inject
    OutboxSignal signal;
    @Inject
    OutboxConfig config;
    @Inject
    Clock clock;
    @Inject
    MeterRegistry registry;

    private volatile boolean running;
    private Thread worker;
    private Counter published;

    void start(@Observes StartupEvent event) {
        if (!config.enabled()) {
            return;
        }
        published = registry.counter("lvs_outbox_published_total");
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

    private void loop() {
        while (running) {
            try {
                while (running && relayBatch() == config.batchSize()) {
                    // a full batch: there may be more waiting
                }
                signal.await(config.pollInterval().toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (RuntimeException e) {
                // The broker or database is away: the rows stay pending and go out on a later round.
                LOG.warnf("outbox relay round failed (%s); retrying", e.getClass().getSimpleName());
                sleepQuietly(config.pollInterval().toMillis());
            }
        }
    }

    /** Publishes one batch; returns how many rows it published. */
    int relayBatch() {
        return QuarkusTransaction.requiringNew().call(() -> {
            try (Connection connection = dataSource.getConnection()) {
                List<Long> ids = new ArrayList<>();
                List<OutgoingEvent> events = new ArrayList<>();
                try (PreparedStatement claim = connection.prepareStatement(CLAIM)) {
                    claim.setInt(1, config.batchSize());
                    try (ResultSet rows = claim.executeQuery()) {
                        while (rows.next()) {
                            ids.add(rows.getLong(1));
                            events.add(new OutgoingEvent(rows.getString(2), rows.getString(3),
                                    EventJson.read(rows.getString(4))));
                        }
                    }
                }
                if (ids.isEmpty()) {
                    return 0;
                }
                publisher.publishAndAwait(events);
                try (PreparedStatement mark = connection.prepareStatement(MARK)) {
                    Timestamp now = Timestamp.from(clock.instant());
                    for (Long id : ids) {
                        mark.setTimestamp(1, now);
                        mark.setLong(2, id);
                        mark.addBatch();
                    }
                    mark.executeBatch();
                }
                published.increment(ids.size());
                return ids.size();
            } catch (SQLException e) {
                throw new IllegalStateException("outbox relay: database error", e);
            }
        });
    }

    @Scheduled(every = "1h", delayed = "1m", skipExecutionIf = Scheduled.ApplicationNotRunning.class)
    void deleteOldPublished() {
        if (!config.enabled()) {
            return;
        }
        QuarkusTransaction.requiringNew().run(() -> {
            try (Connection connection = dataSource.getConnection();
                    PreparedStatement delete = connection.prepareStatement(
                            "delete from outbox_event where published_at < ?")) {
                delete.setTimestamp(1, Timestamp.from(clock.instant().minus(config.keepPublished())));
                delete.executeUpdate();
            } catch (SQLException e) {
                throw new IllegalStateException("outbox clean-up failed", e);
            }
        });
    }

    private static void sleepQuietly(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
