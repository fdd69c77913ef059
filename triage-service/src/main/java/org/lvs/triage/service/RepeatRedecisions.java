package org.lvs.triage.service;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import org.jboss.logging.Logger;
import org.lvs.contract.event.ReferralDecided;
import org.lvs.triage.domain.Decision;
import org.lvs.triage.domain.EarlierReferral;
import org.lvs.triage.domain.KnownIdentities;
import org.lvs.triage.domain.KnownIdentities.Known;
import org.lvs.triage.domain.PolicySettings;
import org.lvs.triage.domain.TriagePolicy;
import org.lvs.triage.domain.VictimIdentity;
import org.lvs.triage.persistence.DecisionRepository;
import org.lvs.triage.persistence.VictimIdentityRepository;

/**
 * Makes the repeat-victim rule independent of processing order (triage-policy.md, sections 4 and 7): when a referral
 * is decided, the already-decided referrals of the same victim recorded after it, within the repeat window, are
 * decided again from their stored {@code PolicyInput} with the new one now known. A changed
 * decision is published as a re-decision of the same version ({@code revision + 1}), under those referrals' own locks
 * and their identities' locks, so it is ordered with every other decision of theirs.
 */
@ApplicationScoped
public class RepeatRedecisions {

    private static final Logger LOG = Logger.getLogger(RepeatRedecisions.class);

    /** A referral just decided whose kept identity may change the decisions of later referrals of its victim. */
    public record Trigger(UUID referralId, Instant recordedAt, VictimIdentity identity) {}

    private final VictimIdentityRepository identities;
    private final DecisionRepository decisions;
    private final PolicySettings settings;
    private final Counter redecided;

    RepeatRedecisions(
            VictimIdentityRepository identities,
            DecisionRepository decisions,
            PolicySettings settings,
            MeterRegistry registry) {
        this.identities = identities;
        this.decisions = decisions;
        this.settings = settings;
        this.redecided = Counter.builder("lvs_triage_redecisions_total")
                .description("decisions made again because an earlier referral of the victim arrived after them")
                .register(registry);
    }

    /**
     * The re-decisions the triggers cause, inside the caller's transaction, which holds the locks in {@code held}
     * (taken here too as needed) and has already written the triggers' decisions and identities.
     *
     * @param known the stored identities sharing a hash with the triggers, recorded up to the latest trigger's
     *              recordedAt + the window, as the caller's batch left them
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public List<Decision> redecideLater(
            List<Trigger> triggers, KnownIdentities known, Set<Long> held, Instant decidedAt) {
        Duration window = settings.repeatWindow();
        Map<UUID, Known> candidates = new LinkedHashMap<>();
        for (Trigger trigger : triggers) {
            Instant after = KnownIdentities.atDatabasePrecision(trigger.recordedAt());
            Instant before = after.plus(window);
            // recorded later, and early enough that the trigger falls in its window (recordedAt − window, recordedAt]
            for (Known k : known.rowsMatching(trigger.identity(), trigger.referralId(), after, before)) {
                if (k.recordedAt().isBefore(before)) {
                    candidates.putIfAbsent(k.referralId(), k);
                }
            }
        }
        if (candidates.isEmpty()) {
            return List.of();
        }

        // Their referrals and identities are decided by nobody else until this commits. These keys come after the
        // batch's own, so a rare cycle with another instance is possible: PostgreSQL ends it (40P01) or the lock
        // timeout does (55P03), both transient, and the batch is retried.
        lockMore(candidates.values(), held);
        // Read again under their locks: a candidate's identity may have changed before we held its referral's lock.
        List<Known> rows = new ArrayList<>(identities.rowsOf(candidates.keySet()));
        lockMore(rows, held);
        rows.removeIf(k -> k.facts() == null); // stored before triage kept policy input: cannot be rebuilt
        if (rows.isEmpty()) {
            return List.of();
        }
        rows.sort(Comparator.comparing(Known::recordedAt).thenComparing(Known::referralId));

        Map<UUID, ReferralDecided> latest =
                decisions.latestDecided(rows.stream().map(Known::referralId).toList());
        Set<String> hashes = new LinkedHashSet<>();
        rows.forEach(k -> hashes.addAll(k.identity().hashes()));
        Instant from = rows.get(0).recordedAt().minus(window);
        Instant to = rows.get(rows.size() - 1).recordedAt();
        KnownIdentities around = identities.sharing(hashes, from, to);

        List<Decision> made = new ArrayList<>();
        for (Known row : rows) {
            ReferralDecided currentDecision = latest.get(row.referralId());
            if (currentDecision == null) {
                continue;
            }
            List<EarlierReferral> earlier = around.matching(
                    row.identity(), row.referralId(), row.recordedAt().minus(window), row.recordedAt());
            TriagePolicy.redecide(row.facts(), earlier, currentDecision, settings, decidedAt)
                    .ifPresent(d -> {
                        made.add(d);
                        LOG.debugf(
                                "re-decided referral %s version %d as revision %d: an earlier referral of the victim "
                                        + "arrived after it",
                                row.referralId(),
                                d.decided().version(),
                                d.decided().revision());
                    });
        }
        redecided.increment(made.size());
        return made;
    }

    /** Takes the locks of these rows' referrals and identities that the transaction does not hold yet. */
    private void lockMore(Collection<Known> rows, Set<Long> held) {
        TreeSet<Long> missing = new TreeSet<>();
        rows.forEach(k -> missing.addAll(VictimIdentityRepository.lockKeys(k.referralId(), k.identity())));
        missing.removeAll(held);
        if (!missing.isEmpty()) {
            identities.lockAll(missing);
            held.addAll(missing);
        }
    }
}
