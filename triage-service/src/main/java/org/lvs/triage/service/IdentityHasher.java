package org.lvs.triage.service;

import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;
import org.lvs.contract.referral.Referral;
import org.lvs.triage.config.TriageConfig;
import org.lvs.triage.domain.IdentityHmac;
import org.lvs.triage.domain.VictimIdentity;

/** Keyed hashes of the victim identities a referral carries; the key comes from configuration. */
@ApplicationScoped
public class IdentityHasher {

    private final IdentityHmac hmac;

    IdentityHasher(TriageConfig config) {
        if (config.identityHashKey().isBlank()) {
            throw new IllegalStateException("lvs.triage.identity-hash-key must not be blank");
        }
        this.hmac = new IdentityHmac(config.identityHashKey().getBytes(StandardCharsets.UTF_8));
    }

    /** Only a referral with consent carries identity; a minimised one carries none and never counts. */
    public VictimIdentity identityOf(Referral referral) {
        if (referral.consent() == null || !referral.consent().allowsPersonalData()) {
            return VictimIdentity.NONE;
        }
        return VictimIdentity.of(referral.victim(), hmac);
    }
}
