package org.lvs.sla.service;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.lvs.commons.messaging.OutgoingEvent;
import org.lvs.commons.outbox.Outbox;
import org.lvs.sla.config.SlaConfig;
import org.lvs.sla.domain.ClockEvent;
import org.lvs.sla.domain.WorkingTime;
import org.lvs.sla.messaging.CaseEventEmitter;
import org.lvs.sla.persistence.AuditEntity;
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
    private final Outbox outbox;

    ClockDetectionService(
            CaseRepository repository,
            CaseEventEmitter emitter,
            AuditTrail audit,
            WorkingTime workingTime,
            SlaConfig config,
            Outbox outbox) {
        this.repository = repository;
        this.emitter = emitter;
        this.audit = audit;
        this.workingTime = workingTime;
        this.config = config;
        this.outbox = outbox;
    }

    /**
     * One batch at {@code now} (from the injected clock, never the database's); returns how many clocks it looked at.
     * Set-based: the due cases are read in one statement, their clocks written back in one more, and their events
     * and audit entries in one JDBC batch each, in the order of the due clocks (issue 14: it was a read, an update,
     * an outbox insert and an audit insert per case).
     */
    @Transactional
    public int flagDue(Instant now, int batchSize) {
        List<UUID> due = repository.lockDueClocks(now, batchSize);
        if (due.isEmpty()) {
            return 0;
        }
        // the line above holds these rows for this transaction: a plain load, no second FOR UPDATE
        Map<UUID, CaseEntity> cases = repository.loadClocks(due);
        List<OutgoingEvent> events = new ArrayList<>();
        List<AuditEntity> entries = new ArrayList<>();
        for (UUID id : due) {
            CaseEntity c = cases.get(id);
            CaseClock clock = CaseClock.of(c, workingTime);
            clock.judge(now);
            List<ClockEvent> flagged =
                    clock.settle(now, now, config.detector().replaySettle()).all();
            emitter.collectClock(c, flagged, events);
            for (ClockEvent e : flagged) {
                entries.add(audit.entry(id, e.at(), AuditTrail.CLOCK, e.type(), "dueAt=" + c.dueAt));
            }
        }
        repository.storeClocks(cases.values());
        outbox.enqueueAll(events);
        audit.recordAll(entries);
        return due.size();
    }
}
