package org.lvs.ingest.service;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.jboss.logging.Logger;
import org.lvs.contract.event.PersonalDataErased;
import org.lvs.ingest.persistence.IdempotencyStore;
import org.lvs.ingest.persistence.ReferralStore;

/**
 * Applies {@code PersonalDataErased} (cases.erasures): removes from ingest's tables what could re-identify the victim
 * of the erased referral. Ingest never stores personal data in clear; what it holds that could confirm a guess of it
 * is the content hash of each version (a SHA-256 of the whole referral) and the Idempotency-Key record of a
 * self-referral. Both go. The identity (source, sourceReference) -> referralId stays on purpose: a later amendment
 * from the police must land on the same referralId (and so on the erased case) instead of opening a fresh case with
 * the victim's data under a new id; the police already hold their own reference, and a self-referral's is random.
 * Idempotent: erasing again changes nothing.
 */
@ApplicationScoped
public class ErasureService {

    private static final Logger LOG = Logger.getLogger(ErasureService.class);

    private final ReferralStore referrals;
    private final IdempotencyStore idempotency;

    ErasureService(ReferralStore referrals, IdempotencyStore idempotency) {
        this.referrals = referrals;
        this.idempotency = idempotency;
    }

    /** One poll of erasures, in one transaction. */
    @Transactional
    public void eraseAll(List<PersonalDataErased> erasures) {
        Set<UUID> ids = new LinkedHashSet<>();
        erasures.forEach(e -> ids.add(e.referralId()));
        int hashes = referrals.eraseContentHashes(ids);
        int keys = idempotency.deleteForReferrals(ids);
        LOG.debugf(
                "erasure of %d referral(s): %d content hash(es), %d idempotency key(s) removed",
                ids.size(), hashes, keys);
    }
}
