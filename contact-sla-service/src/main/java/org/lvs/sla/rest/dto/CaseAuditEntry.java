package org.lvs.sla.rest.dto;

import java.time.Instant;

/** One entry of a case's audit trail: when it happened, when it was recorded, who did what. No personal data. */
public record CaseAuditEntry(Instant at, Instant recordedAt, String actor, String action, String detail) {}
