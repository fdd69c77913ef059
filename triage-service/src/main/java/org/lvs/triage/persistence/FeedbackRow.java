package org.lvs.triage.persistence;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** One feedback decision, its position, and its referral's latest decided version and that version's data issue. */
public record FeedbackRow(
        long position,
        UUID referralId,
        int version,
        String sourceReference,
        String outcome,
        String dataIssue,
        List<String> reasonCodes,
        List<String> missingFields,
        Instant receivedAt,
        Instant decidedAt,
        int latestVersion,
        String latestDataIssue) {}
