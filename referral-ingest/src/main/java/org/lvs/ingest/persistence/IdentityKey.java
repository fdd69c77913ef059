package org.lvs.ingest.persistence;

import java.time.Instant;
import java.util.UUID;

/**
 * A referral key to look up or create: {@code newId} and {@code receivedAt} are used only when the key is new.
 */
public record IdentityKey(String source, String sourceReference, UUID newId, Instant receivedAt) {}
