package org.lvs.sla.persistence;

import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.lvs.contract.casework.OutcomeStage;

/** The latest outcome scores of each stage of cases. */
@ApplicationScoped
public class Outcomes implements PanacheRepositoryBase<OutcomeEntity, OutcomeEntity.Key> {

    public List<OutcomeEntity> forCase(UUID referralId) {
        return list("from OutcomeEntity o where o.key.referralId = ?1", referralId);
    }

    public Optional<OutcomeEntity> of(UUID referralId, OutcomeStage stage) {
        return findByIdOptional(new OutcomeEntity.Key(referralId, stage));
    }
}
