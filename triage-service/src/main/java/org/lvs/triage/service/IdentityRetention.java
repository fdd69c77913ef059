package org.lvs.triage.service;

import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.jboss.logging.Logger;
import org.lvs.commons.jdbc.ChunkedDelete;
import org.lvs.triage.config.TriageConfig;
import org.lvs.triage.domain.PolicySettings;
import org.lvs.triage.persistence.DecisionRepository;
import org.lvs.triage.persistence.VictimIdentityRepository;

/**
 * Deletes identity hashes that no referral still to come can match (issue 11, item 5), measured so that replayed
 * history is judged by its own time, not the wall clock:
 *
 * <ul>
 * <li>An identity recorded at {@code t} counts only for referrals recorded in {@code [t, t + window)} (the repeat
 * rule's window is {@code (recordedAt − window, recordedAt]}).</li>
 * <li>The <b>frontier</b> is the newest {@code recordedAt} triage has decided, capped at the injected clock's now (a
 * referral recorded in the future cannot push it). Referrals still to come are assumed to be recorded no earlier
 * than the frontier minus a <b>grace</b> period (late feeds, amendments).</li>
 * <li>So an identity is deleted when {@code recordedAt ≤ frontier − window − grace} <em>and</em> it was stored at least
 * {@code grace} ago by the clock. The second condition protects history being replayed into a stack whose frontier is
 * already far ahead (2017 replayed after 2026 live referrals): its identities stay for the grace period, long enough
 * for the replay to match them.</li>
 * </ul>
 *
 * Referrals recorded before frontier − grace that still arrive lose their repeat matches: the price of not keeping
 * hashes forever.
 */
@ApplicationScoped
public class IdentityRetention {

    private static final Logger LOG = Logger.getLogger(IdentityRetention.class);
    private static final int CHUNK = 10_000;

    /** What a run did: the frontier and the two cut-offs it used, and how many identities it deleted. */
    public record Run(Instant frontier, Instant recordedUpTo, Instant storedUpTo, long deleted) {}

    private final DecisionRepository decisions;
    private final VictimIdentityRepository identities;
    private final Duration window;
    private final Duration grace;
    private final Clock clock;

    IdentityRetention(
            DecisionRepository decisions,
            VictimIdentityRepository identities,
            PolicySettings settings,
            TriageConfig config,
            Clock clock) {
        this.decisions = decisions;
        this.identities = identities;
        this.window = settings.repeatWindow();
        this.grace = config.identityRetention().grace();
        this.clock = clock;
    }

    @Scheduled(
            every = "${lvs.triage.identity-retention.every:1h}",
            delayed = "1m",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
            skipExecutionIf = Scheduled.ApplicationNotRunning.class)
    void scheduled() {
        Optional<Run> run = purge();
        run.filter(r -> r.deleted() > 0)
                .ifPresent(r -> LOG.infof(
                        "identity retention: deleted %d identity hashes recorded up to %s (frontier %s)",
                        r.deleted(), r.recordedUpTo(), r.frontier()));
    }

    /** One run, in chunks of their own transactions; empty when nothing was decided yet. */
    public Optional<Run> purge() {
        Instant now = clock.instant();
        Optional<Instant> newest = decisions.newestRecordedAt();
        if (newest.isEmpty()) {
            return Optional.empty();
        }
        Instant frontier = newest.get().isAfter(now) ? now : newest.get();
        Instant recordedUpTo = frontier.minus(window).minus(grace);
        Instant storedUpTo = now.minus(grace);
        long deleted = ChunkedDelete.inShortTransactions(
                CHUNK, limit -> identities.deleteExpired(recordedUpTo, storedUpTo, limit));
        return Optional.of(new Run(frontier, recordedUpTo, storedUpTo, deleted));
    }
}
