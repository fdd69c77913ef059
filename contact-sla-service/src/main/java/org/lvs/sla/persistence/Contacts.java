package org.lvs.sla.persistence;

import io.quarkus.hibernate.orm.panache.PanacheRepository;
import io.quarkus.panache.common.Sort;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.UUID;

/** The contacts and contact attempts of cases. */
@ApplicationScoped
public class Contacts implements PanacheRepository<ContactEntity> {

    /** A case's contacts by when they happened, then in the order they were recorded. */
    public List<ContactEntity> forCase(UUID referralId) {
        return list("referralId", Sort.by("at").and("id"), referralId);
    }
}
