package org.lvs.triage.service;

import io.quarkus.logging.Log;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.lvs.commons.idempotency.ProcessedEvents;
import org.lvs.commons.outbox.Outbox;
import org.lvs.contract.Topics;
import org.lvs.contract.event.EventEnvelope;
import org.lvs.contract.event.ReferralReceived;
import org.lvs.contract.referral.Referral;
import org.lvs.triage.domain.Decision;
import org.lvs.triage.domain.EarlierReferral;
import org.lvs.triage.domain.PolicySettings;
import org.lvs.triage.domain.TriagePolicy;
import org.lvs.triage.domain.VictimIdentity;
import org.lvs.triage.persistence.DecisionRepository;
import org.lvs.triage.persistence.VictimIdentityRepository;

/**
 * Decides each referral version once: the decision, the victim's identity hashes, the processed event and the events
 * to publish (via the outbox) commit together or not at all.
 */
@ApplicationScoped
public class TriageService {

    /** This consumer's name in the processed-event log. */
    public static final String CONSUMER = "triage";

    /** What became of a received referral version. */
    public enum Result {
        DECIDED,
        /** The same event again: nothing changes, nothing is published. */
        ALREADY_PROCESSED,
        /** This version (or a higher one) was already decided: the latest decision stands. */
        NOT_NEWER
    }

    private final ProcessedEvents processedEvents;
    private final DecisionRepository decisions;
    private final VictimIdentityRepository identities;
    private final IdentityHasher hasher;
    private final Outbox outbox;
    private final PolicySettings settings;
    private final Clock clock;

    TriageService(ProcessedEvents processedEvents, DecisionRepository decisions, VictimIdentityRepository identities,
            IdentityHasher hasher, Outbox outbox, PolicySettings settings, Clock clock) {
        this.processedEvents = processedEvents;
        this.decisions = decisions;
        this.identities = identities;
        this.hasher = hasher;
        this.outbox = outbox;
        this.settings = settings;
        this.clock = clock;
    }

    @Transactional
    public Result decide(UUID eventId, ReferralReceived received) {
        if (!processedEvents.firstTime(eventId, CONSUMER)) {
            return Result.ALREADY_PROCESSED;
        }
        Referral referral = received.referral();
        VictimIdentity identity = hasher.identityOf(referral);

        // One referral's versions, and one victim's referrals, are decided one at a time across instances.
        List<Long> locks = new ArrayList<>();
        locks.add(VictimIdentityRepository.lockKey(received.referralId()));
        identity.hashes().forEach(h -> locks.add(VictimIdentityRepository.lockKey(h)));
        identities.lock(locks);

        Optional<Integer> latest = decisions.latestVersion(received.referralId());
        if (latest.isPresent() && latest.get() >= received.version()) {
            // A redelivered version or a lower one arriving late: the latest decision must stand.
            return Result.NOT_NEWER;
        }

        Instant recordedAt = referral.recordedAt();
        List<EarlierReferral> earlier = identities.matching(identity, received.referralId(),
                recordedAt.minus(settings.repeatWindow()), recordedAt);
        Decision decision = TriagePolicy.decide(received, earlier, settings, clock.instant());

        decisions.insert(decision);
        identities.record(received.referralId(), received.version(), referral.source().name(),
                referral.sourceReference(), recordedAt, identity);
        EventEnvelope decided = decision.decided().toEnvelope();
        outbox.enqueue(Topics.REFERRALS_TRIAGED, received.referralId().toString(), decided);
        if (decision.needsFeedback()) {
            outbox.enqueue(Topics.REFERRALS_FEEDBACK, referral.source().name(),
                    decision.feedback().toEnvelope(decided.occurredAt()));
        }
        Log.debugf("decided referral %s version %d: %s", received.referralId(), received.version(),
                decision.decided().outcome());
        return Result.DECIDED;
    }
}
