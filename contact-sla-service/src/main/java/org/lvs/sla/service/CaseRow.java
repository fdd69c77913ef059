package org.lvs.sla.service;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;
import java.util.UUID;

/**
 * One case in a list (breaches, at risk, work queues, search). {@code victimName} only in search results;
 * {@code hoursOverdue} for breaches, {@code hoursRemaining} for at-risk and queues.
 */
@JsonInclude(JsonInclude.Include.NON_ABSENT)
public record CaseRow(UUID referralId, String strand, String pathway, String area, String priority, String status,
        String clockState, Instant startedAt, Instant dueAt, Instant breachedAt, Double hoursOverdue,
        Double hoursRemaining, int attempts, String worker, Instant firstContactAt, String victimName) {
}
