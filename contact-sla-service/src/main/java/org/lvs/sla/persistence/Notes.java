package org.lvs.sla.persistence;

import io.quarkus.hibernate.orm.panache.PanacheRepository;
import io.quarkus.panache.common.Sort;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.UUID;

/** The free text written about cases (personal data). */
@ApplicationScoped
public class Notes implements PanacheRepository<NoteEntity> {

    /** A case's notes in the order they were written. */
    public List<NoteEntity> forCase(UUID referralId) {
        return list("referralId", Sort.by("id"), referralId);
    }

    /** Deletes every note of a case. */
    public long deleteFor(UUID referralId) {
        return delete("referralId", referralId);
    }
}
