package org.lvs.tools.feed;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.lvs.contract.referral.Source;
import org.lvs.contract.triage.Pathway;

/**
 * The case work replayed for one referral whose decision opens a case: its actions in order, and what the generator
 * expects of its clock (for the calibration checks).
 *
 * @param clockStart  the {@code receivedAt} of the version whose decision opened the case
 * @param paused      time spent in screening before the clock resumed
 * @param decided     the clock ends decided: a contact was made or it breaches (not cancelled, not left in screening)
 */
public record CasePlan(
        Source source,
        String sourceReference,
        Instant clockStart,
        boolean priority,
        Pathway pathway,
        Duration paused,
        boolean decided,
        List<CaseAction> actions) {

    public CasePlan {
        actions = List.copyOf(actions);
    }

    public Quarter quarter() {
        return Quarter.of(clockStart);
    }

    /** The first contact made, if any. */
    public CaseAction firstContactMade() {
        return actions.stream().filter(CaseAction::isContactMade).findFirst().orElse(null);
    }

    /** metrics.md: {@code at - start - paused <= 48 h} for the first contact made. */
    public boolean contactedWithin(Duration limit) {
        CaseAction contact = firstContactMade();
        return contact != null
                && Duration.between(clockStart, contact.at()).minus(paused).compareTo(limit) <= 0;
    }
}
