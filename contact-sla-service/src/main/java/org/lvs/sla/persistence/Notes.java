package org.lvs.sla.persistence;

import io.quarkus.hibernate.orm.panache.PanacheRepository;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.UUID;

/** The free text written about cases (personal data). */
@ApplicationScoped
public class Notes implements PanacheRepository<NoteEntity> {

    /** Deletes every note of a case. */
    public long deleteFor(UUID referralId) {
        return delete("referralId", referralId);
    }
}
