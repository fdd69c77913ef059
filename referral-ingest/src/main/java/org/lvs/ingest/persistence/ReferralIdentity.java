package org.lvs.ingest.persistence;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * What ingest holds of one referral: its id, when it was first received, and its versions (lowest first).
 * {@code created} is true when this transaction created the referral together with its first version, which
 * {@code versions} then holds, not yet published.
 */
public record ReferralIdentity(
        UUID referralId,
        String source,
        String sourceReference,
        Instant firstReceivedAt,
        List<VersionRow> versions,
        boolean created) {

    public VersionRow latest() {
        return versions.isEmpty() ? null : versions.get(versions.size() - 1);
    }

    public VersionRow version(int version) {
        return versions.stream().filter(v -> v.version() == version).findFirst().orElse(null);
    }
}
