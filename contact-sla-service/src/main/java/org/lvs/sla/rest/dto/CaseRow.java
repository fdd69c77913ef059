package org.lvs.sla.rest.dto;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * One case in a list (breaches, at risk, work queues, search), with its context (crime, risk level, age band,
 * vulnerabilities, unsafe to contact: the decision's facts, no personal data). {@code victimName} only in search
 * results; {@code hoursOverdue} for breaches, {@code hoursRemaining} for at-risk and queues.
 */
@JsonInclude(JsonInclude.Include.NON_ABSENT)
public record CaseRow(
        UUID referralId,
        String strand,
        String pathway,
        String area,
        String priority,
        String status,
        String clockState,
        Instant startedAt,
        Instant dueAt,
        Instant breachedAt,
        Double hoursOverdue,
        Double hoursRemaining,
        int attempts,
        String worker,
        Instant firstContactAt,
        String crimeCategory,
        List<String> hateStrands,
        String riskLevel,
        String ageBand,
        List<String> vulnerabilities,
        boolean unsafeToContact,
        String victimName) {}
