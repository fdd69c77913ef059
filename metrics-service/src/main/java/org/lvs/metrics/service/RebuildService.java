package org.lvs.metrics.service;

import io.agroal.api.AgroalDataSource;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.common.annotation.Identifier;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Instance;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.jboss.logging.Logger;
import org.lvs.commons.failure.Failures;
import org.lvs.commons.messaging.KafkaClientSecurity;
import org.lvs.commons.problem.ProblemException;
import org.lvs.contract.Topics;
import org.lvs.metrics.config.MetricsConfig;
import org.lvs.metrics.persistence.RebuildRuns;
import org.lvs.metrics.persistence.RebuildRuns.Run;
import org.lvs.metrics.rest.dto.RebuildStatus;
import org.lvs.metrics.rest.dto.RebuildStatus.State;

/**
 * Rebuilds every figure from the long-lived topics without ever serving half-built figures (README, rebuilding the
 * figures):
 * <ol>
 * <li>it records a RUNNING run and creates empty shadow tables ({@code <table>_next}); from then on every live
 * batch is applied to both table sets, each with its own applied-event marks;</li>
 * <li>a {@link RebuildReader} reads the topics from offset 0 up to the end offsets taken after that, into the
 * shadow tables only, one short transaction per poll;</li>
 * <li>once it reached those offsets, the shadow tables are renamed in place of the live ones in one short
 * transaction, between two live batches.</li>
 * </ol>
 * The live tables serve throughout and stay untouched when the rebuild fails or its process dies; the run's state
 * ({@code rebuild_run}) survives restarts and says what happened.
 */
@ApplicationScoped
public class RebuildService {

    /**
     * The topics every figure is built from, read again by a rebuild; with the erasures, so a rebuilt table holds no
     * source reference that was erased (they are long-lived too).
     */
    public static final List<String> TOPICS =
            List.of(Topics.REFERRALS_INTAKE, Topics.REFERRALS_TRIAGED, Topics.CASES_EVENTS, Topics.CASES_ERASURES);

    private static final Logger LOG = Logger.getLogger(RebuildService.class);

    private final RebuildSteps steps;
    private final EventApplier applier;
    private final MetricsChanges changes;
    private final MetricsConfig config;
    private final Clock clock;
    private final AgroalDataSource dataSource;
    private final Map<String, Object> brokerSecurity;
    private final ExecutorService executor = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "metrics-rebuild");
        t.setDaemon(true);
        return t;
    });

    /**
     * The rebuild's consumer is made per run, so it takes the broker settings here, once.
     *
     * @param kafkaDefaults Quarkus' default Kafka client configuration ({@code kafka.*} properties and the
     *                      {@code KAFKA_*} environment), whose security settings the rebuild's own consumer takes, so
     *                      it reaches a TLS/SCRAM broker exactly like the channels do
     */
    RebuildService(
            RebuildSteps steps,
            EventApplier applier,
            MetricsChanges changes,
            MetricsConfig config,
            Clock clock,
            AgroalDataSource dataSource,
            @Identifier("default-kafka-broker") Instance<Map<String, Object>> kafkaDefaults) {
        this.steps = steps;
        this.applier = applier;
        this.changes = changes;
        this.config = config;
        this.clock = clock;
        this.dataSource = dataSource;
        this.brokerSecurity = kafkaDefaults.isResolvable() ? KafkaClientSecurity.of(kafkaDefaults.get()) : Map.of();
    }

    /** A rebuild that was running when the service last stopped is marked FAILED, and its leftovers dropped. */
    void onStart(@Observes StartupEvent event) {
        steps.recoverInterrupted(clock.instant());
        steps.dropLeftoversIfIdle();
    }

    /** The latest rebuild as stored (IDLE before the first); a run whose process died reads FAILED. */
    public RebuildStatus status() {
        steps.recoverInterrupted(clock.instant());
        Run run = steps.latest();
        return run == null
                ? new RebuildStatus(
                        null,
                        State.IDLE,
                        null,
                        null,
                        null,
                        0,
                        0,
                        0,
                        null,
                        "the figures built by the live consumers serve")
                : toStatus(run);
    }

    /** Starts a rebuild; 409 while one is running (in this process or another). */
    public synchronized RebuildStatus start() {
        steps.recoverInterrupted(clock.instant());
        Connection session = rebuildSession();
        UUID rebuildId = UUID.randomUUID();
        Instant requestedAt = clock.instant();
        try {
            steps.begin(rebuildId, requestedAt);
        } catch (RuntimeException e) {
            release(session);
            throw e;
        }
        RebuildReader reader = new RebuildReader(rebuildId, session, steps, applier, config, brokerSecurity, clock);
        executor.submit(() -> {
            if (reader.run()) {
                changes.bump();
            }
        });
        return toStatus(new Run(rebuildId, RebuildRuns.State.RUNNING, requestedAt, null, requestedAt, 0, 0, 0, null));
    }

    /**
     * A connection holding the rebuild session lock for the rebuild's life; 409 when a rebuild runs. A rebuild that
     * has just finished may hold the lock a moment longer than its RUNNING state: that is waited for.
     */
    private Connection rebuildSession() {
        for (int attempt = 0; ; attempt++) {
            Connection session = null;
            try {
                session = dataSource.getConnection();
                if (RebuildRuns.holdRebuildSession(session)) {
                    return session;
                }
                release(session);
            } catch (SQLException e) {
                release(session);
                throw new IllegalStateException(
                        "cannot open the rebuild's database session (" + Failures.kinds(e) + ")", e);
            }
            Run latest = steps.latest();
            if (attempt >= 50 || latest == null || latest.state() == RebuildRuns.State.RUNNING) {
                throw ProblemException.conflict("a rebuild is already running");
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw ProblemException.conflict("a rebuild is already running");
            }
        }
    }

    /** Releases the rebuild lock (if held) and returns the connection to the pool. */
    static void release(Connection session) {
        if (session == null) {
            return;
        }
        try {
            RebuildRuns.releaseRebuildSession(session);
        } catch (SQLException e) {
            // a broken connection has lost its session lock with its backend
            LOG.debugf("releasing the rebuild session failed (%s)", Failures.kinds(e));
        }
        try {
            session.close();
        } catch (SQLException e) {
            LOG.debugf("closing the rebuild session failed (%s)", Failures.kinds(e));
        }
    }

    private static RebuildStatus toStatus(Run run) {
        State state = State.valueOf(run.state().name());
        String figures = switch (state) {
            case RUNNING -> "the figures from before this rebuild serve until it swaps its tables in";
            case DONE -> "the rebuilt figures serve since it finished";
            case FAILED -> "nothing was swapped: the figures from before this rebuild still serve";
            case IDLE -> "";
        };
        return new RebuildStatus(
                run.rebuildId(),
                state,
                run.requestedAt(),
                run.progressAt(),
                run.finishedAt(),
                run.recordsRead(),
                run.eventsApplied(),
                run.recordsSkipped(),
                run.error(),
                figures);
    }

    @PreDestroy
    void stop() {
        executor.shutdownNow();
    }
}
