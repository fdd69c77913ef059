package org.lvs.sla.service;

import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.lvs.sla.persistence.AuditEntity;
import org.lvs.sla.persistence.CaseRepository;

/** Records every change to a case with who made it and when; details never carry personal data. */
@ApplicationScoped
public class AuditTrail {

    /** The actor of changes that come from decisions on {@code referrals.triaged}. */
    public static final String TRIAGE = "triage-service";
    /** The actor of clock changes the detector finds. */
    public static final String CLOCK = "sla-clock";

    private final CaseRepository repository;
    private final Clock clock;

    AuditTrail(CaseRepository repository, Clock clock) {
        this.repository = repository;
        this.clock = clock;
    }

    /**
     * Stores one entry at once. Plain JDBC, not a persist: nothing in the transaction reads the entry back, and a
     * persist would also fetch its generated id and keep the entity for the flush.
     */
    public void record(UUID referralId, Instant at, String actor, String action, String detail) {
        recordAll(List.of(entry(referralId, at, actor, action, detail)));
    }

    /** An entry not yet stored: a batch stores its entries with {@link #recordAll}. */
    public AuditEntity entry(UUID referralId, Instant at, String actor, String action, String detail) {
        AuditEntity a = new AuditEntity();
        a.referralId = referralId;
        a.at = at;
        a.recordedAt = clock.instant();
        a.actor = actor;
        a.action = action;
        a.detail = detail;
        return a;
    }

    /** Stores entries in their order with one JDBC batch, in the caller's transaction. */
    public void recordAll(List<AuditEntity> entries) {
        repository.insertAudit(entries);
    }
}
