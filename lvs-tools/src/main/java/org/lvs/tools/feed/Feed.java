package org.lvs.tools.feed;

import java.util.List;
import org.lvs.contract.referral.Referral;

/**
 * A generated feed: first versions in the order they were received, then the amendments (higher versions) in the
 * order they were received, then the case work.
 */
public record Feed(
        FeedSettings settings, List<Referral> firstVersions, List<Referral> amendments, List<CasePlan> cases) {

    public Feed {
        firstVersions = List.copyOf(firstVersions);
        amendments = List.copyOf(amendments);
        cases = List.copyOf(cases);
    }

    public int actionCount() {
        return cases.stream().mapToInt(c -> c.actions().size()).sum();
    }
}
