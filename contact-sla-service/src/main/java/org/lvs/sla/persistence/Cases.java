package org.lvs.sla.persistence;

import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.hibernate.Session;

/**
 * The cases as the handlers' actions and reads see them, in the caller's transaction. Every action first locks its
 * case's row, so the consumers ({@link CaseRepository}), the handlers and the detector (also in another instance)
 * change one case one at a time.
 */
@ApplicationScoped
public class Cases implements PanacheRepositoryBase<CaseEntity, UUID> {

    /** A case with its victim (null when none is stored: no consent, or erased). */
    public record WithVictim(CaseEntity c, PersonEntity victim) {}

    /**
     * Native, so that the lock clause is exactly this: only the case's row is locked (PostgreSQL refuses a lock on the
     * nullable side of an outer join), and Hibernate's query locking drops a lock it cannot scope that way.
     */
    private static final String WITH_VICTIM = "select {c.*}, {p.*} from sla_case c "
            + "left join case_person p on p.referral_id = c.referral_id where c.referral_id = :id";

    /** The case with its row locked for an action. */
    public Optional<CaseEntity> lock(UUID referralId) {
        return findByIdOptional(referralId, LockModeType.PESSIMISTIC_WRITE);
    }

    /**
     * The case with its row locked for an action, and its victim, in one statement: every action answers with the
     * case as GET shows it, victim included. Only the case's row is locked.
     */
    public Optional<WithVictim> lockWithVictim(UUID referralId) {
        return withVictim(referralId, true);
    }

    /** The case and its victim for a read, in one statement. */
    public Optional<WithVictim> findWithVictim(UUID referralId) {
        return withVictim(referralId, false);
    }

    private Optional<WithVictim> withVictim(UUID referralId, boolean lock) {
        List<Object[]> rows = getEntityManager()
                .unwrap(Session.class)
                .createNativeQuery(WITH_VICTIM + (lock ? " for no key update of c" : ""), Object[].class)
                .addEntity("c", CaseEntity.class)
                .addEntity("p", PersonEntity.class)
                .setParameter("id", referralId)
                .getResultList();
        return rows.stream().findFirst().map(row -> new WithVictim((CaseEntity) row[0], (PersonEntity) row[1]));
    }
}
