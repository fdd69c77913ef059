package org.lvs.sla.persistence;

import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.UUID;

/** The victims of cases (personal data), by referral id. */
@ApplicationScoped
public class Persons implements PanacheRepositoryBase<PersonEntity, UUID> {

    /** Deletes the victim's identity and contact details. */
    public long deleteFor(UUID referralId) {
        return delete("referralId", referralId);
    }
}
