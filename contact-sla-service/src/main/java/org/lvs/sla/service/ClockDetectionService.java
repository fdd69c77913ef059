package org.lvs.sla.service;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.lvs.sla.config.SlaConfig;
import org.lvs.sla.domain.ClockEvent;
import org.lvs.sla.domain.WorkingTime;
import org.lvs.sla.messaging.CaseEventEmitter;
import org.lvs.sla.persistence.CaseEntity;
import org.lvs.sla.persistence.CaseRepository;

/**
 * Flags clocks that reached their at-risk point or their due time. Selects by the indexed {@code next_check_at}
 * with {@code FOR UPDATE SKIP LOCKED}, so two instances share the work and never flag one clock twice; the new
 * state and its events go out through the outbox in the same transaction, so a restart never repeats them.
 */
@ApplicationScoped
public class ClockDetectionService {

    private final CaseRepository repository;
    private final CaseEventEmitter emitter;
    private final AuditTrail audit;
    private final WorkingTime workingTime;
    private final SlaConfig config;

    ClockDetectionService(
            CaseRepository repository,
            CaseEventEmitter emitter,
            AuditTrail audit,
            WorkingTime workingTime,
            SlaConfig config) {
        this.repository = repository;
        this.emitter = emitter;
        this.audit = audit;
        this.workingTime = workingTime;
        this.config = config;
    }

    /**
     * One batch at {@code now} (from the injected clock, never the database's); returns how many clocks it looked at.
     */
    @Transactional
    public int flagDue(Instant now, int batchSize) {
        List<UUID> due = repository.lockDueClocks(now, batchSize);
        for (UUID id : due) {
            CaseEntity c = repository.findCase(id).orElseThrow();
            CaseClock clock = CaseClock.of(c, workingTime);
            clock.judge(now);
            List<ClockEvent> events =
                    clock.settle(now, now, config.detector().replaySettle()).all();
            emitter.emitClock(c, events);
            for (ClockEvent e : events) {
                audit.record(id, e.at(), AuditTrail.CLOCK, e.type(), "dueAt=" + c.dueAt);
            }
        }
        return due.size();
    }
}
