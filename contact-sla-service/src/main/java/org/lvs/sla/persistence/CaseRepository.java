package org.lvs.sla.persistence;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import java.sql.PreparedStatement;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;
import java.util.function.IntFunction;
import org.hibernate.Session;
import org.hibernate.engine.spi.SessionFactoryImplementor;
import org.hibernate.engine.spi.SharedSessionContractImplementor;
import org.hibernate.jpa.HibernateHints;
import org.lvs.commons.jdbc.Sql;

/**
 * Reads and writes of cases inside the caller's transaction. Every change to a case first locks its row, so the
 * consumers, the handlers' actions and the detector (also in another instance) change one case one at a time. This
 * is the consumers' and the detector's side (batches, set-based SQL); the handlers' actions and reads go through the
 * Panache repositories ({@link Cases}, {@link Contacts}, {@link Notes}...).
 */
@ApplicationScoped
public class CaseRepository {

    private final EntityManager em;
    private final Sql sql;
    /** Built at first use, when the persistence unit is up; building twice in a race is harmless. */
    private volatile NewRows newRows;

    /** The consumers' inserts of new cases and victims (see {@link BatchInsert}). */
    private record NewRows(BatchInsert<CaseEntity> cases, BatchInsert<PersonEntity> persons) {}

    CaseRepository(EntityManager em, Sql sql) {
        this.em = em;
        this.sql = sql;
    }

    /** The cases of a batch's referrals that exist, locked in id order, by referral id. */
    public Map<UUID, CaseEntity> lockCases(Collection<UUID> referralIds) {
        return casesOf(referralIds, LockModeType.PESSIMISTIC_WRITE, false);
    }

    /**
     * The cases of these referrals that exist, by referral id, read without a lock and read-only: for the detector,
     * whose transaction already holds their rows ({@link #lockDueClocks}) and which writes back only their clocks
     * ({@link #storeClocks}). Hibernate neither keeps a snapshot of them nor flushes a change made to them.
     */
    public Map<UUID, CaseEntity> loadClocks(Collection<UUID> referralIds) {
        return casesOf(referralIds, LockModeType.NONE, true);
    }

    private Map<UUID, CaseEntity> casesOf(Collection<UUID> referralIds, LockModeType lock, boolean readOnly) {
        Map<UUID, CaseEntity> cases = new HashMap<>();
        if (!referralIds.isEmpty()) {
            em.createQuery("from CaseEntity c where c.referralId in :ids order by c.referralId", CaseEntity.class)
                    .setParameter("ids", referralIds)
                    .setLockMode(lock)
                    .setHint(HibernateHints.HINT_READ_ONLY, readOnly)
                    .getResultList()
                    .forEach(c -> cases.put(c.referralId, c));
        }
        return cases;
    }

    /**
     * Writes back what the detector changes on cases loaded by {@link #loadClocks}: the clock, its history, the next
     * check and the event sequence, in one statement. Hibernate's flush wrote every one of the case's 60 columns, one
     * UPDATE per case, and looked each column's binding up by name: half the detector's CPU in a replay (issue 14).
     */
    public void storeClocks(Collection<CaseEntity> cases) {
        if (cases.isEmpty()) {
            return;
        }
        List<CaseEntity> rows = List.copyOf(cases);
        sql.update(
                "update sla_case c set sequence = v.sequence, clock_state = v.clock_state, started_at = v.started_at, "
                        + "target_hours = v.target_hours, paused_seconds = v.paused_seconds, "
                        + "paused_since = v.paused_since, due_at = v.due_at, at_risk_at = v.at_risk_at, "
                        + "at_risk_flagged = v.at_risk_flagged, breach_flagged = v.breach_flagged, "
                        + "breached_at = v.breached_at, first_contact_at = v.first_contact_at, "
                        + "next_check_at = v.next_check_at, clock_history = v.clock_history "
                        + "from unnest(?::uuid[], ?::bigint[], ?::text[], ?::timestamptz[], ?::int[], ?::bigint[], "
                        + "?::timestamptz[], ?::timestamptz[], ?::timestamptz[], ?::boolean[], ?::boolean[], "
                        + "?::timestamptz[], ?::timestamptz[], ?::timestamptz[], ?::text[]) "
                        + "as v(referral_id, sequence, clock_state, started_at, target_hours, paused_seconds, "
                        + "paused_since, due_at, at_risk_at, at_risk_flagged, breach_flagged, breached_at, "
                        + "first_contact_at, next_check_at, clock_history) "
                        + "where c.referral_id = v.referral_id",
                column(rows, c -> c.referralId, UUID[]::new),
                column(rows, c -> c.sequence, Long[]::new),
                column(rows, c -> c.clockState.name(), String[]::new),
                column(rows, c -> c.startedAt, Instant[]::new),
                column(rows, c -> c.targetHours, Integer[]::new),
                column(rows, c -> c.pausedSeconds, Long[]::new),
                column(rows, c -> c.pausedSince, Instant[]::new),
                column(rows, c -> c.dueAt, Instant[]::new),
                column(rows, c -> c.atRiskAt, Instant[]::new),
                column(rows, c -> c.atRiskFlagged, Boolean[]::new),
                column(rows, c -> c.breachFlagged, Boolean[]::new),
                column(rows, c -> c.breachedAt, Instant[]::new),
                column(rows, c -> c.firstContactAt, Instant[]::new),
                column(rows, c -> c.nextCheckAt, Instant[]::new),
                column(rows, c -> c.clockHistory, String[]::new));
    }

    /** One column of the rows, as the array {@link Sql} binds for {@code unnest}. */
    private static <T> T[] column(List<CaseEntity> rows, Function<CaseEntity, T> value, IntFunction<T[]> array) {
        return rows.stream().map(value).toArray(array);
    }

    /** Which of these referrals have a case. */
    public Set<UUID> existingCases(Collection<UUID> referralIds) {
        Set<UUID> ids = new HashSet<>();
        if (!referralIds.isEmpty()) {
            ids.addAll(em.createQuery("select c.referralId from CaseEntity c where c.referralId in :ids", UUID.class)
                    .setParameter("ids", referralIds)
                    .getResultList());
        }
        return ids;
    }

    /** The stored victims of a batch's referrals, by referral id (the caller holds their trackers' locks). */
    public Map<UUID, PersonEntity> findPersons(Collection<UUID> referralIds) {
        Map<UUID, PersonEntity> persons = new HashMap<>();
        if (!referralIds.isEmpty()) {
            em.createQuery("from PersonEntity p where p.referralId in :ids", PersonEntity.class)
                    .setParameter("ids", referralIds)
                    .getResultList()
                    .forEach(p -> persons.put(p.referralId, p));
        }
        return persons;
    }

    /**
     * Deletes a victim loaded in this transaction (null for none stored) and the case's notes; the delete is flushed
     * at once, so a later version of the same batch may insert the victim again ({@link #insertNewPersons}).
     */
    public void erasePersonalData(UUID referralId, PersonEntity loaded) {
        if (loaded != null) {
            em.remove(loaded);
            em.flush();
        }
        em.createQuery("delete from NoteEntity n where n.referralId = :id")
                .setParameter("id", referralId)
                .executeUpdate();
    }

    /** Inserts audit entries with one JDBC batch (their ids come from the sequence, so Hibernate would not batch). */
    public void insertAudit(List<AuditEntity> entries) {
        if (entries.isEmpty()) {
            return;
        }
        em.unwrap(Session.class).doWork(connection -> {
            try (PreparedStatement insert = connection.prepareStatement("insert into case_audit "
                    + "(referral_id, at, recorded_at, actor, action, detail) values (?, ?, ?, ?, ?, ?)")) {
                for (AuditEntity a : entries) {
                    insert.setObject(1, a.referralId);
                    insert.setObject(2, a.at.atOffset(ZoneOffset.UTC));
                    insert.setObject(3, a.recordedAt.atOffset(ZoneOffset.UTC));
                    insert.setString(4, a.actor);
                    insert.setString(5, a.action);
                    insert.setString(6, a.detail);
                    insert.addBatch();
                }
                insert.executeBatch();
            }
        });
    }

    /** Clocks whose at-risk point or due time has come, locked; rows another instance holds are skipped. */
    @SuppressWarnings("unchecked")
    public List<UUID> lockDueClocks(Instant now, int limit) {
        return em.createNativeQuery(
                        "select referral_id from sla_case where next_check_at is not null "
                                + "and next_check_at <= ?1 order by next_check_at limit ?2 for update skip locked",
                        UUID.class)
                .setParameter(1, now)
                .setParameter(2, limit)
                .getResultList();
    }

    /**
     * Inserts cases new in this batch with one JDBC batch. They stay unmanaged: call it once the batch is done with
     * them (no later change in the transaction would reach their rows).
     */
    public void insertNewCases(Collection<CaseEntity> cases) {
        newRows().cases().insertAll(session(), cases);
    }

    /** Inserts victims new in this batch with one JDBC batch, as {@link #insertNewCases}. */
    public void insertNewPersons(Collection<PersonEntity> persons) {
        newRows().persons().insertAll(session(), persons);
    }

    private NewRows newRows() {
        NewRows built = newRows;
        if (built == null) {
            SessionFactoryImplementor factory = em.getEntityManagerFactory().unwrap(SessionFactoryImplementor.class);
            built = new NewRows(BatchInsert.of(factory, CaseEntity.class), BatchInsert.of(factory, PersonEntity.class));
            newRows = built;
        }
        return built;
    }

    private SharedSessionContractImplementor session() {
        return em.unwrap(SharedSessionContractImplementor.class);
    }

    public void flush() {
        em.flush();
    }
}
