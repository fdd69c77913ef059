package org.lvs.triage.service;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import org.jboss.logging.Logger;
import org.lvs.commons.messaging.OutgoingEvent;
import org.lvs.commons.outbox.Outbox;
import org.lvs.contract.Topics;
import org.lvs.contract.event.ReferralReceived;
import org.lvs.contract.referral.Referral;
import org.lvs.triage.config.TriageConfig;
import org.lvs.triage.domain.Decision;
import org.lvs.triage.domain.EarlierReferral;
import org.lvs.triage.domain.KnownIdentities;
import org.lvs.triage.domain.PolicyInput;
import org.lvs.triage.domain.PolicySettings;
import org.lvs.triage.domain.TriagePolicy;
import org.lvs.triage.domain.VictimIdentity;
import org.lvs.triage.persistence.DecisionRepository;
import org.lvs.triage.persistence.FeedbackRepository;
import org.lvs.triage.persistence.VictimIdentityRepository;

/**
 * Decides each referral version once: the decision, the victim's identity hashes with the version's policy input,
 * the re-decisions of later referrals of the same victim, the events to publish (via the outbox) and the feedback
 * positions commit together or not at all; the decision's (referral, version) key is what makes a redelivery harmless. {@link #decideAll} does so for a whole batch of records
 * in one transaction, with the same outcome as deciding them one by one in order (the commons batch consumer
 * bisects a failing batch down to the record that fails); {@link #decide} is a batch of one.
 */
@ApplicationScoped
public class TriageService {

    private static final Logger LOG = Logger.getLogger(TriageService.class);

    /** What became of a received referral version. */
    public enum Result {
        DECIDED,
        /**
         * This version (or a higher one) was already decided, the same event redelivered included: the latest
         * decision stands, nothing is published. The decision table's (referral, version) key, read under the
         * referral's lock, is the idempotency record: no processed-event mark is written.
         */
        NOT_NEWER
    }

    private final DecisionRepository decisions;
    private final FeedbackRepository feedback;
    private final VictimIdentityRepository identities;
    private final IdentityHasher hasher;
    private final Outbox outbox;
    private final PolicySettings settings;
    private final Clock clock;
    private final Duration lockTimeout;
    private final ErasureService erasures;
    private final RepeatRedecisions redecisions;

    TriageService(
            DecisionRepository decisions,
            FeedbackRepository feedback,
            VictimIdentityRepository identities,
            IdentityHasher hasher,
            Outbox outbox,
            PolicySettings settings,
            Clock clock,
            TriageConfig config,
            ErasureService erasures,
            RepeatRedecisions redecisions) {
        this.decisions = decisions;
        this.feedback = feedback;
        this.identities = identities;
        this.hasher = hasher;
        this.outbox = outbox;
        this.settings = settings;
        this.clock = clock;
        this.lockTimeout = config.lockTimeout();
        this.erasures = erasures;
        this.redecisions = redecisions;
    }

    /** Decides one record: a batch of one. */
    @Transactional
    public Result decide(ReferralReceived received) {
        return decideAll(List.of(received)).get(0);
    }

    /**
     * Decides a batch of records in their order in one transaction, with a handful of statements instead of a dozen
     * per record: every lock first (sorted), the latest versions and the identities the
     * batch can match read at once, the decisions made in memory (each sees the decisions before it in the batch, as
     * if each had committed alone), then written back in JDBC batches; later referrals of the batch's victims decided
     * before them are decided again ({@link RepeatRedecisions}); the events are enqueued in order, and the feedback
     * decisions numbered last (the lock that orders them is held until commit).
     *
     * @return what became of each record, in the batch's order
     */
    @Transactional
    public List<Result> decideAll(List<ReferralReceived> batch) {
        if (batch.isEmpty()) {
            return List.of();
        }
        List<VictimIdentity> identityOf = new ArrayList<>(batch.size());
        TreeSet<Long> lockKeys = new TreeSet<>();
        Set<String> hashes = new LinkedHashSet<>();
        Set<UUID> referralIds = new LinkedHashSet<>();
        Instant windowFrom = null;
        Instant windowTo = null;
        for (ReferralReceived received : batch) {
            VictimIdentity identity = hasher.identityOf(received.referral());
            identityOf.add(identity);
            referralIds.add(received.referralId());
            lockKeys.addAll(VictimIdentityRepository.lockKeys(received.referralId(), identity));
            hashes.addAll(identity.hashes());
            Instant recordedAt = received.referral().recordedAt();
            Instant from = recordedAt.minus(settings.repeatWindow());
            windowFrom = windowFrom == null || from.isBefore(windowFrom) ? from : windowFrom;
            windowTo = windowTo == null || recordedAt.isAfter(windowTo) ? recordedAt : windowTo;
        }

        // Referrals and victims of this batch are decided by nobody else until it commits; sorted, so no deadlock.
        identities.limitLockWaits(lockTimeout);
        identities.lockAll(lockKeys);
        Set<UUID> erased = erasures.erasedAmong(referralIds);
        Map<UUID, Integer> latest = new HashMap<>(decisions.latestVersions(referralIds));
        // also the later referrals the batch may cause to be decided again (RepeatRedecisions)
        KnownIdentities known = identities.sharing(hashes, windowFrom, windowTo.plus(settings.repeatWindow()));

        List<Result> results = new ArrayList<>(batch.size());
        List<Decision> decided = new ArrayList<>();
        List<RepeatRedecisions.Trigger> triggers = new ArrayList<>();
        for (int i = 0; i < batch.size(); i++) {
            ReferralReceived received = batch.get(i);
            // the same event twice in one batch: the first put its version in latest, the second is not newer
            Integer latestVersion = latest.get(received.referralId());
            if (latestVersion != null && latestVersion >= received.version()) {
                results.add(Result.NOT_NEWER);
                continue;
            }
            Referral referral = received.referral();
            Instant recordedAt = referral.recordedAt();
            PolicyInput input = PolicyInput.of(received);
            List<EarlierReferral> earlier = known.matching(
                    identityOf.get(i), received.referralId(), recordedAt.minus(settings.repeatWindow()), recordedAt);
            Decision decision = TriagePolicy.decide(input, earlier, settings, clock.instant());
            decided.add(decision);
            latest.put(received.referralId(), received.version());
            // An erased referral's identity still finds its victim's earlier referrals, but is never kept.
            VictimIdentity kept = erased.contains(received.referralId()) ? VictimIdentity.NONE : identityOf.get(i);
            known.record(
                    received.referralId(),
                    received.version(),
                    referral.source().name(),
                    referral.sourceReference(),
                    recordedAt,
                    kept,
                    kept.isEmpty() ? null : input);
            if (!kept.isEmpty()) {
                triggers.add(new RepeatRedecisions.Trigger(received.referralId(), recordedAt, kept));
            }
            results.add(Result.DECIDED);
        }

        decisions.insertAll(decided);
        identities.apply(known, clock.instant());
        if (!erased.isEmpty()) {
            // a version decided after its referral's erasure arrived: its traces go too
            erasures.removeTraces(erased);
        }
        // Later referrals of these victims, decided before them, are decided again with them known.
        List<Decision> redecided = redecisions.redecideLater(triggers, known, lockKeys, clock.instant());
        decisions.insertAll(redecided);
        List<OutgoingEvent> events = new ArrayList<>();
        decided.forEach(decision -> events.addAll(eventsOf(decision, true)));
        // a re-decision changes no data issue: its feedback was published with the first decision
        redecided.forEach(decision -> events.addAll(eventsOf(decision, false)));
        outbox.enqueueAll(events);
        // last: the sequencer lock it takes is held until commit
        feedback.assignPositions(decided);
        return results;
    }

    private static List<OutgoingEvent> eventsOf(Decision decision, boolean withFeedback) {
        var d = decision.decided();
        LOG.debugf(
                "decided referral %s version %d revision %d: %s",
                d.referralId(), d.version(), d.revision(), d.outcome());
        OutgoingEvent triaged =
                new OutgoingEvent(Topics.REFERRALS_TRIAGED, d.referralId().toString(), d.toText());
        if (!withFeedback || !decision.needsFeedback()) {
            return List.of(triaged);
        }
        return List.of(
                triaged,
                new OutgoingEvent(
                        Topics.REFERRALS_FEEDBACK,
                        d.source().name(),
                        decision.feedback().toEnvelope(d.receivedAt()))); // the decision's own occurredAt
    }
}
