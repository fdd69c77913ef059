package org.lvs.sla.service;

import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import org.jboss.logging.Logger;
import org.lvs.commons.failure.Failures;
import org.lvs.sla.config.SlaConfig;

/**
 * Runs the breach and at-risk detection every couple of seconds (a breach is found well within the 60 s the
 * policy allows, also after the service was down: overdue clocks are simply due at the first run).
 */
@ApplicationScoped
public class SlaClockJob {

    private static final int MAX_ROUNDS = 50;
    private static final Logger LOG = Logger.getLogger(SlaClockJob.class);

    private final ClockDetectionService detection;
    private final SlaConfig config;
    private final Clock clock;

    SlaClockJob(ClockDetectionService detection, SlaConfig config, Clock clock) {
        this.detection = detection;
        this.config = config;
        this.clock = clock;
    }

    @Scheduled(
            every = "${lvs.sla.detector.every:2s}",
            delayed = "${lvs.sla.detector.delay:1s}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void detect() {
        if (!config.detector().enabled()) {
            return;
        }
        int batch = config.detector().batchSize();
        try {
            // a full batch means more may be waiting; bounded so a frozen test clock cannot spin the job
            for (int round = 0; round < MAX_ROUNDS; round++) {
                if (detection.flagDue(clock.instant(), batch) < batch) {
                    break;
                }
            }
        } catch (RuntimeException e) {
            // the kinds of error only: a database message may quote a row's values
            LOG.warnf("clock detection failed (%s); the next run retries", Failures.kinds(e));
        }
    }
}
