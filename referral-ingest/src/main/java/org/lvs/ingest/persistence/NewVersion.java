package org.lvs.ingest.persistence;

import java.time.Instant;
import java.util.UUID;

/** A version to record before publishing it (published = false until the broker acknowledged it). */
public record NewVersion(UUID referralId, int version, String contentHash, Instant receivedAt, String status) {}
