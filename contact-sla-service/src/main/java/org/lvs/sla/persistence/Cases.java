package org.lvs.sla.persistence;

import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;
import java.util.Optional;
import java.util.UUID;

/**
 * The cases as the handlers' actions and reads see them, in the caller's transaction. Every action first locks its
 * case's row, so the consumers ({@link CaseRepository}), the handlers and the detector (also in another instance)
 * change one case one at a time.
 */
@ApplicationScoped
public class Cases implements PanacheRepositoryBase<CaseEntity, UUID> {

    /** The case with its row locked for an action. */
    public Optional<CaseEntity> lock(UUID referralId) {
        return findByIdOptional(referralId, LockModeType.PESSIMISTIC_WRITE);
    }
}
