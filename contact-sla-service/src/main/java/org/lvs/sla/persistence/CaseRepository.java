package org.lvs.sla.persistence;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * Reads and writes of cases inside the caller's transaction. Every change to a case first locks its row, so the
 * consumers, the handlers' actions and the detector (also in another instance) change one case one at a time.
 */
@ApplicationScoped
public class CaseRepository {

    @Inject
    EntityManager em;

    /** The referral's version tracker, created when new and locked: serialises the two topics' events per referral. */
    public ReferralTrackEntity lockTrack(UUID referralId) {
        em.createNativeQuery("insert into referral_track (referral_id) values (?1) on conflict do nothing")
                .setParameter(1, referralId).executeUpdate();
        return em.find(ReferralTrackEntity.class, referralId, LockModeType.PESSIMISTIC_WRITE);
    }

    public Optional<CaseEntity> lockCase(UUID referralId) {
        return Optional.ofNullable(em.find(CaseEntity.class, referralId, LockModeType.PESSIMISTIC_WRITE));
    }

    public Optional<CaseEntity> findCase(UUID referralId) {
        return Optional.ofNullable(em.find(CaseEntity.class, referralId));
    }

    public Optional<PersonEntity> findPerson(UUID referralId) {
        return Optional.ofNullable(em.find(PersonEntity.class, referralId));
    }

    /** Clocks whose at-risk point or due time has come, locked; rows another instance holds are skipped. */
    @SuppressWarnings("unchecked")
    public List<UUID> lockDueClocks(Instant now, int limit) {
        return em.createNativeQuery("select referral_id from sla_case where next_check_at is not null "
                + "and next_check_at <= ?1 order by next_check_at limit ?2 for update skip locked", UUID.class)
                .setParameter(1, now).setParameter(2, limit).getResultList();
    }

    public void persist(Object entity) {
        em.persist(entity);
    }

    public void flush() {
        em.flush();
    }

    /** Deletes the victim's identity, contact details and every free text about the case. */
    public void erasePersonalData(UUID referralId) {
        em.createQuery("delete from PersonEntity p where p.referralId = :id").setParameter("id", referralId)
                .executeUpdate();
        em.createQuery("delete from NoteEntity n where n.referralId = :id").setParameter("id", referralId)
                .executeUpdate();
    }

    public List<ContactEntity> contacts(UUID referralId) {
        return em.createQuery("from ContactEntity c where c.referralId = :id order by c.at, c.id", ContactEntity.class)
                .setParameter("id", referralId).getResultList();
    }

    public List<NoteEntity> notes(UUID referralId) {
        return em.createQuery("from NoteEntity n where n.referralId = :id order by n.id", NoteEntity.class)
                .setParameter("id", referralId).getResultList();
    }

    public List<ServiceRequestEntity> services(UUID referralId) {
        return em.createQuery("from ServiceRequestEntity s where s.referralId = :id order by s.requestedAt, s.id",
                ServiceRequestEntity.class).setParameter("id", referralId).getResultList();
    }

    public List<OutcomeEntity> outcomes(UUID referralId) {
        return em.createQuery("from OutcomeEntity o where o.key.referralId = :id", OutcomeEntity.class)
                .setParameter("id", referralId).getResultList();
    }

    public Optional<OutcomeEntity> outcome(UUID referralId, org.lvs.contract.casework.OutcomeStage stage) {
        return Optional.ofNullable(em.find(OutcomeEntity.class, new OutcomeEntity.Key(referralId, stage)));
    }

    public List<AuditEntity> audit(UUID referralId) {
        return em.createQuery("from AuditEntity a where a.referralId = :id order by a.id", AuditEntity.class)
                .setParameter("id", referralId).getResultList();
    }
}
