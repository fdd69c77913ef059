package org.lvs.sla.persistence;

import io.quarkus.hibernate.orm.panache.PanacheRepository;
import io.quarkus.panache.common.Sort;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.UUID;

/** The requests of cases to onward support services. */
@ApplicationScoped
public class ServiceRequests implements PanacheRepository<ServiceRequestEntity> {

    /** A case's requests by when they were made, then in the order they were recorded. */
    public List<ServiceRequestEntity> forCase(UUID referralId) {
        return list("referralId", Sort.by("requestedAt").and("id"), referralId);
    }
}
