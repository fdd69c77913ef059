package org.lvs.commons.outbox;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.Startup;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import javax.sql.DataSource;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.jboss.logging.Logger;
import org.lvs.commons.failure.Failures;

/**
 * The outbox on {@code /q/metrics} ({@code lvs_outbox_backlog}, {@code lvs_outbox_oldest_age_seconds},
 * {@code lvs_outbox_quarantined}, {@code lvs_outbox_published_total}; no counter shares a gauge's base name, which
 * Prometheus would refuse) and {@code /q/health/live}: DOWN only when the
 * relay thread is gone; the backlog, its age and the quarantine are reported as data. The figures are read every
 * few seconds by a scheduled job with a short statement timeout, never by a scrape, so a hung database cannot hang
 * a scrape. {@link OutboxLiveness} reports it.
 */
@Startup
@ApplicationScoped
public class OutboxMonitor implements HealthCheck {

    private static final Logger LOG = Logger.getLogger(OutboxMonitor.class);
    private static final String READ = "select (select count(*) from (select 1 from outbox_event limit 1000000) b), "
            + "(select min(created_at) from outbox_event), (select count(*) from outbox_quarantine)";

    private final DataSource dataSource;
    private final OutboxConfig config;
    private final Clock clock;
    private final OutboxRelay relay;
    private final AtomicLong backlog = new AtomicLong();
    private final AtomicLong oldestAgeSeconds = new AtomicLong();
    private final AtomicLong quarantined = new AtomicLong();
    private final AtomicReference<String> lastFailure = new AtomicReference<>();
    private final Counter published;

    OutboxMonitor(DataSource dataSource, OutboxConfig config, Clock clock, OutboxRelay relay, MeterRegistry registry) {
        this.dataSource = dataSource;
        this.config = config;
        this.clock = clock;
        this.relay = relay;
        this.published = registry.counter("lvs_outbox_published_total");
        // Exported by every service, also one whose relay is off (its outbox then reads 0): dashboards and alerts
        // can sum over all services without knowing which ones publish.
        Gauge.builder("lvs_outbox_backlog", backlog, AtomicLong::get)
                .description("outbox rows not yet acknowledged by the broker")
                .register(registry);
        Gauge.builder("lvs_outbox_oldest_age_seconds", oldestAgeSeconds, AtomicLong::get)
                .description("age of the oldest pending outbox row")
                .register(registry);
        Gauge.builder("lvs_outbox_quarantined", quarantined, AtomicLong::get)
                .description("outbox rows the broker refused for good, kept aside")
                .register(registry);
    }

    void published(int rows) {
        published.increment(rows);
        lastFailure.set(null);
    }

    /** A row was quarantined this round: count it at once rather than at the next refresh. */
    void quarantined() {
        quarantined.incrementAndGet();
    }

    void failed(String reason) {
        lastFailure.set(reason);
    }

    @Scheduled(every = "5s", skipExecutionIf = Scheduled.ApplicationNotRunning.class)
    void refresh() {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement read = connection.prepareStatement(READ)) {
            read.setQueryTimeout(2);
            try (ResultSet row = read.executeQuery()) {
                if (row.next()) {
                    backlog.set(row.getLong(1));
                    Timestamp oldest = row.getTimestamp(2);
                    oldestAgeSeconds.set(oldest == null ? 0 : Math.max(0, (clock.millis() - oldest.getTime()) / 1000));
                    quarantined.set(row.getLong(3));
                }
            }
        } catch (SQLException | RuntimeException e) {
            // the figures keep their last values; the relay reports the outage itself
            LOG.debugf("outbox figures not read (%s)", Failures.kinds(e));
        }
    }

    @Override
    public HealthCheckResponse call() {
        HealthCheckResponseBuilder response =
                HealthCheckResponse.named("lvs outbox relay").up();
        if (!config.enabled()) {
            return response.withData("relay", "disabled").build();
        }
        response.withData("backlog", backlog.get())
                .withData("oldestAgeSeconds", oldestAgeSeconds.get())
                .withData("quarantined", quarantined.get());
        String failure = lastFailure.get();
        if (failure != null) {
            response.withData("lastFailure", failure);
        }
        if (!relay.alive()) {
            response.down().withData("relay", "not running");
        }
        return response.build();
    }
}
