package org.lvs.sla.persistence;

import io.quarkus.hibernate.orm.panache.PanacheRepository;
import io.quarkus.panache.common.Sort;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.UUID;

/** The audit trail of changes to cases, one entry at a time (a consumer's batch uses {@link CaseRepository}). */
@ApplicationScoped
public class AuditEntries implements PanacheRepository<AuditEntity> {

    /** A case's entries in the order they were recorded. */
    public List<AuditEntity> forCase(UUID referralId) {
        return list("referralId", Sort.by("id"), referralId);
    }
}
