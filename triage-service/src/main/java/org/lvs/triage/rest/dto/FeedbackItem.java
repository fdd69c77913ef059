package org.lvs.triage.rest.dto;

import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.lvs.contract.referral.Source;

/**
 * One decision the police should act on, and what became of its referral since: {@code superseded} (a later version
 * was decided), {@code resolved} (that later decision has no data issue), {@code stillToCorrect} (this is the
 * referral's latest decision).
 */
public record FeedbackItem(
        long position,
        UUID referralId,
        Source source,
        String sourceReference,
        int version,
        String outcome,
        String dataIssue,
        List<String> reasonCodes,
        List<String> missingFields,
        Instant receivedAt,
        Instant decidedAt,
        int latestVersion,
        boolean superseded,
        boolean resolved,
        boolean stillToCorrect) {}
