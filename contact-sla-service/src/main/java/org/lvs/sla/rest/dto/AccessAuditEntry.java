package org.lvs.sla.rest.dto;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** One entry of the access audit as the admin endpoint shows it: a read of a case, or a victim search. */
public record AccessAuditEntry(
        long id,
        Instant at,
        String actor,
        String action,
        UUID referralId,
        Boolean personalData,
        String reason,
        String criteria,
        String termsHmac,
        Integer resultCount,
        List<UUID> resultIds,
        boolean termsErased) {}
