package org.lvs.triage.service;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.util.UUID;
import org.lvs.commons.problem.ProblemException;
import org.lvs.triage.persistence.DecisionRepository;

/** The latest decision of a referral, as the {@code ReferralDecided} JSON that was published. */
@ApplicationScoped
public class DecisionQuery {

    private final DecisionRepository decisions;

    DecisionQuery(DecisionRepository decisions) {
        this.decisions = decisions;
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public String latest(UUID referralId) {
        return decisions.latestPayload(referralId)
                .orElseThrow(() -> ProblemException.notFound("no decision for referral " + referralId));
    }
}
