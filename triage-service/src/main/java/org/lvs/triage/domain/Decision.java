package org.lvs.triage.domain;

import java.util.List;
import org.lvs.contract.event.FeedbackIssued;
import org.lvs.contract.event.ReferralDecided;
import org.lvs.contract.triage.DataIssue;
import org.lvs.contract.triage.Reason;

/**
 * What the policy decided for one referral version: the published decision and, for decisions the police should act
 * on, the names (never the values) of the fields that were missing or invalid.
 */
public record Decision(ReferralDecided decided, List<String> missingFields) {

    public Decision {
        missingFields = missingFields == null ? List.of() : List.copyOf(missingFields);
    }

    /** {@code DECLINED_NO_CONSENT}, {@code DATA_ISSUE} and {@code INSUFFICIENT_DATA} go back to the police. */
    public boolean needsFeedback() {
        return decided.dataIssue() != null;
    }

    public static boolean needsFeedback(DataIssue dataIssue) {
        return dataIssue != null;
    }

    /** The feedback event's payload; only meaningful when {@link #needsFeedback()}. */
    public FeedbackIssued feedback() {
        return new FeedbackIssued(
                decided.referralId(),
                decided.source(),
                decided.sourceReference(),
                decided.version(),
                decided.dataIssue(),
                decided.reasons().stream().map(Reason::code).toList(),
                missingFields,
                decided.decidedAt());
    }
}
