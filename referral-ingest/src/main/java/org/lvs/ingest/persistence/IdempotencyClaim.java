package org.lvs.ingest.persistence;

import java.time.Instant;

/**
 * An Idempotency-Key to store with the self-referral it makes, in the same transaction.
 *
 * @param sourceReference the generated reference of that referral
 * @param recordedAt      the generated recordedAt, so a retry rebuilds the same referral
 * @param expiredBefore   a stored key created before this has expired and may be taken again
 */
public record IdempotencyClaim(String key, String sourceReference, Instant recordedAt, Instant expiredBefore) {}
