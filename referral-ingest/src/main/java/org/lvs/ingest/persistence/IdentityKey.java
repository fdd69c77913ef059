package org.lvs.ingest.persistence;

/**
 * A referral key to look up or create. {@code first} is used only when the key is new: the referral is created with
 * {@code first.referralId()} as its id, {@code first.receivedAt()} as when it was first received, and {@code first} as
 * its first version, in the same statement.
 */
public record IdentityKey(String source, String sourceReference, NewVersion first) {}
