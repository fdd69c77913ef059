package org.lvs.triage.domain;

import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

/**
 * A referral whose victim's personal data was erased (a {@code PersonalDataErased} on {@code cases.erasures}): triage
 * removes what could re-identify the victim and keeps the decisions.
 *
 * @param reason as contact-sla-service gave it ({@code ADMIN_REQUEST}, {@code CONSENT_WITHDRAWN})
 * @param at     when the erasure happened
 */
public record Erasure(UUID referralId, String reason, Instant at) {
    public Erasure {
        Objects.requireNonNull(referralId, "referralId");
        Objects.requireNonNull(reason, "reason");
        Objects.requireNonNull(at, "at");
    }
}
