package org.lvs.triage.service;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import org.jboss.logging.Logger;
import org.lvs.triage.config.TriageConfig;
import org.lvs.triage.domain.Erasure;
import org.lvs.triage.persistence.DecisionRepository;
import org.lvs.triage.persistence.ErasureRepository;
import org.lvs.triage.persistence.VictimIdentityRepository;

/**
 * Removes what triage keeps that could re-identify an erased referral's victim (issue 11, item 5): the keyed hashes
 * of its identity (and, with them, the facts kept to re-decide it), and its source reference, which the police's
 * records map back to the person. The decisions stay, without the source reference: they hold no personal data and
 * every count needs them. The erasure itself is remembered (referral id, reason, time), so a version of the referral
 * decided after the erasure arrived stores no identity either. Erasing again changes nothing.
 */
@ApplicationScoped
public class ErasureService {

    private static final Logger LOG = Logger.getLogger(ErasureService.class);

    private final ErasureRepository erasures;
    private final VictimIdentityRepository identities;
    private final DecisionRepository decisions;
    private final Duration lockTimeout;

    ErasureService(
            ErasureRepository erasures,
            VictimIdentityRepository identities,
            DecisionRepository decisions,
            TriageConfig config) {
        this.erasures = erasures;
        this.identities = identities;
        this.decisions = decisions;
        this.lockTimeout = config.lockTimeout();
    }

    /** Applies a poll of erasures in one transaction. */
    @Transactional
    public void eraseAll(List<Erasure> batch) {
        if (batch.isEmpty()) {
            return;
        }
        // The referrals' locks: a decision of one of them in flight elsewhere finishes first, or sees the erasure.
        TreeSet<Long> keys = new TreeSet<>();
        batch.forEach(e -> keys.add(VictimIdentityRepository.lockKey(e.referralId())));
        identities.limitLockWaits(lockTimeout);
        identities.lockAll(keys);
        erasures.record(batch);
        Set<UUID> ids = new TreeSet<>(batch.stream().map(Erasure::referralId).toList());
        removeTraces(ids);
        LOG.debugf("erased the re-identifying traces of %d referrals", ids.size());
    }

    /** Inside the caller's transaction, which holds these referrals' locks. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void removeTraces(Collection<UUID> referralIds) {
        identities.deleteFor(referralIds);
        decisions.eraseSourceReferences(referralIds);
    }

    /** Those of these referrals whose personal data was erased (inside the caller's transaction). */
    @Transactional(Transactional.TxType.MANDATORY)
    public Set<UUID> erasedAmong(Collection<UUID> referralIds) {
        return erasures.erasedAmong(referralIds);
    }
}
