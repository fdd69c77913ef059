package org.lvs.commons.idempotency;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Instant;
import org.jboss.logging.Logger;
import org.lvs.commons.failure.Failures;
import org.lvs.commons.jdbc.Sql;

/**
 * Prunes the processed-event log (issue 14: it grew without bound). Runs hourly, in chunks of short transactions.
 * The cut-off is measured on the wall clock of the injected {@link Clock}: {@code processed_at} is when this service
 * processed the event, not when the event happened, so replayed history is kept as long as live events.
 */
@ApplicationScoped
public class ProcessedEventRetention {

    private static final Logger LOG = Logger.getLogger(ProcessedEventRetention.class);
    private static final String DELETE = "delete from processed_event where ctid = any (array("
            + "select ctid from processed_event where processed_at < ? limit ?))";

    private final Sql sql;
    private final Clock clock;
    private final IdempotencyConfig config;

    ProcessedEventRetention(Sql sql, Clock clock, IdempotencyConfig config) {
        this.sql = sql;
        this.clock = clock;
        this.config = config;
    }

    @Scheduled(every = "1h", delayed = "5m", skipExecutionIf = Scheduled.ApplicationNotRunning.class)
    void scheduled() {
        try {
            prune();
        } catch (RuntimeException e) {
            LOG.warnf("pruning the processed-event log failed (%s); next hour again", Failures.kinds(e));
        }
    }

    /** Deletes every mark older than the retention; returns how many. */
    public long prune() {
        Instant cutOff = clock.instant().minus(config.keep());
        long total = 0;
        int deleted;
        do {
            deleted = QuarkusTransaction.requiringNew().call(() -> sql.update(DELETE, cutOff, config.chunk()));
            total += deleted;
        } while (deleted == config.chunk());
        if (total > 0) {
            LOG.infof("pruned %d processed-event marks older than %s", total, cutOff);
        }
        return total;
    }
}
