package org.lvs.triage.domain;

import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

/**
 * A referral triage decided before, whose victim identity matched this referral's (by personRef or by normalised
 * name and date of birth). Only its identity-free facts are kept: which referral it was and when it was recorded.
 */
public record EarlierReferral(UUID referralId, String sourceReference, Instant recordedAt) {
    public EarlierReferral {
        Objects.requireNonNull(referralId, "referralId");
        Objects.requireNonNull(recordedAt, "recordedAt");
    }
}
