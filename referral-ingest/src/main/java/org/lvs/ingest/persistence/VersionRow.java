package org.lvs.ingest.persistence;

import java.time.Instant;

/** A stored version of a referral: its fingerprint and what became of it. */
public record VersionRow(int version, String contentHash, Instant receivedAt, String status, boolean published) {}
