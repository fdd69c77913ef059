package org.lvs.ingest.persistence;

import java.time.Instant;
import java.util.UUID;

/** A stored Idempotency-Key: the self-referral it made, and what rebuilds that referral for a retry. */
public record IdempotencyRecord(
        String key, UUID referralId, String sourceReference, Instant recordedAt, Instant createdAt) {}
