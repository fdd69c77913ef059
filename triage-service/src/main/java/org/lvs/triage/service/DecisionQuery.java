package org.lvs.triage.service;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.util.UUID;
import org.lvs.commons.problem.ProblemException;
import org.lvs.commons.security.SourceAccess;
import org.lvs.triage.persistence.DecisionRepository;

/**
 * The latest decision of a referral, as the {@code ReferralDecided} JSON that was published, for a caller who may act
 * for the referral's source (a referrer only for its token's sources: 403 otherwise).
 */
@ApplicationScoped
public class DecisionQuery {

    private final DecisionRepository decisions;
    private final SourceAccess access;

    DecisionQuery(DecisionRepository decisions, SourceAccess access) {
        this.decisions = decisions;
        this.access = access;
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public String latest(UUID referralId) {
        DecisionRepository.Latest latest = decisions
                .latest(referralId)
                .orElseThrow(() -> ProblemException.notFound("no decision for referral " + referralId));
        access.requireSource(latest.source());
        return latest.payload();
    }
}
