package org.lvs.triage.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.lvs.contract.event.EventJson;
import org.lvs.contract.event.ReferralDecided;
import org.lvs.contract.event.ReferralReceived;
import org.lvs.contract.referral.CrimeCategory;
import org.lvs.contract.referral.Vulnerability;
import org.lvs.contract.triage.Priority;
import org.lvs.contract.triage.ReasonCode;

/**
 * Re-decisions (triage-policy.md, sections 4 and 7) as pure functions: a later referral decided before its victim's
 * earlier ones ends with the decision it would have had in recorded order.
 */
class RedecisionTest {

    private static final PolicySettings DEFAULTS = PolicySettings.defaults();
    private static final Instant T = Referrals.RECORDED;
    private static final Instant NOW = Instant.parse("2026-02-01T10:00:00Z");

    private static Referrals referralAt(String ref, Instant recordedAt) {
        return Referrals.referral().sourceReference(ref).recordedAt(recordedAt).category(CrimeCategory.BURGLARY);
    }

    private static PolicyInput input(Referrals r) {
        return PolicyInput.of(new ReferralReceived(
                UUID.nameUUIDFromBytes(r.sourceReference().getBytes()),
                r.version(),
                r.receivedAt(),
                r.receivedAt(),
                r.toReferral()));
    }

    private static EarlierReferral earlier(PolicyInput in) {
        return new EarlierReferral(in.referralId(), in.sourceReference(), in.recordedAt());
    }

    private static ReferralDecided decided(PolicyInput in, List<EarlierReferral> earlier) {
        return TriagePolicy.decide(in, earlier, DEFAULTS, NOW).decided();
    }

    private final PolicyInput first = input(referralAt("E1", T.minus(Duration.ofDays(60))));
    private final PolicyInput second = input(referralAt("E2", T.minus(Duration.ofDays(30))));
    private final PolicyInput later = input(referralAt("L", T));

    @Test
    void theFactsHoldNoPersonalData() {
        String json = PolicyInput.of(Referrals.referral().received()).toJson();
        for (String personal : List.of(
                "Amina", "Example", "07700", "PR1", "Preston", "1990", "P-778812", "what happened", "perpetrator")) {
            assertFalse(json.contains(personal), personal + " in " + json);
        }
        assertEquals(PolicyInput.of(Referrals.referral().received()), PolicyInput.fromJson(json));
    }

    @Test
    void theSecondEarlierReferralArrivingLateMakesTheLaterOnePersistentlyTargeted() {
        ReferralDecided alone = decided(later, List.of());
        assertEquals(Priority.STANDARD, alone.priority());
        assertEquals(120, alone.slaTargetHours());

        assertEquals(
                Optional.empty(),
                TriagePolicy.redecide(later, List.of(earlier(first)), alone, DEFAULTS, NOW),
                "one earlier referral changes nothing");
        Decision redecided = TriagePolicy.redecide(
                        later, List.of(earlier(first), earlier(second)), alone, DEFAULTS, NOW)
                .orElseThrow();

        ReferralDecided d = redecided.decided();
        assertEquals(1, d.revision());
        assertEquals(alone.version(), d.version());
        assertEquals(Priority.PRIORITY, d.priority());
        assertEquals(48, d.slaTargetHours());
        assertTrue(TriagePolicy.detectsRepeat(d));
        assertEquals(
                ReferralDecided.eventId(d.referralId(), d.version(), 1),
                d.toEnvelope().eventId());
        assertEquals(
                decided(later, List.of(earlier(first), earlier(second))).withRevision(1),
                d,
                "exactly the decision it would have had in recorded order");
    }

    @Test
    void aReDecisionOfAReDecisionCountsOn() {
        ReferralDecided second = decided(later, List.of()).withRevision(2);
        Decision third = TriagePolicy.redecide(
                        later, List.of(earlier(first), earlier(this.second)), second, DEFAULTS, NOW)
                .orElseThrow();
        assertEquals(3, third.decided().revision());
    }

    @Test
    void aDecisionThatAlreadyDetectedTheRepeatIsNeverMadeAgain() {
        ReferralDecided targeted = decided(later, List.of(earlier(first), earlier(second)));
        assertTrue(TriagePolicy.detectsRepeat(targeted));
        PolicyInput third = input(referralAt("E3", T.minus(Duration.ofDays(10))));
        assertEquals(
                Optional.empty(),
                TriagePolicy.redecide(
                        later, List.of(earlier(first), earlier(second), earlier(third)), targeted, DEFAULTS, NOW));
        // fewer known now (one erased, or aged out): never a downgrade
        assertEquals(Optional.empty(), TriagePolicy.redecide(later, List.of(earlier(first)), targeted, DEFAULTS, NOW));
    }

    @Test
    void aFlaggedRepeatVictimGetsTheDetectedReasonButKeepsItsPriority() {
        PolicyInput flagged = input(referralAt("LF", T).vulnerabilities(Vulnerability.REPEAT_VICTIM));
        ReferralDecided current = decided(flagged, List.of());
        assertEquals(Priority.PRIORITY, current.priority());
        Decision d = TriagePolicy.redecide(flagged, List.of(earlier(first), earlier(second)), current, DEFAULTS, NOW)
                .orElseThrow();
        assertEquals(Priority.PRIORITY, d.decided().priority());
        assertEquals(
                TriagePolicy.REPEAT_VICTIM_DETECTED,
                d.decided().reasons().stream()
                        .filter(r -> r.code() == ReasonCode.PRIORITY_PERSISTENTLY_TARGETED)
                        .findFirst()
                        .orElseThrow()
                        .detail());
    }

    @Test
    void factsOfAnotherVersionAreNotReDecided() {
        ObjectNode json = EventJson.mapper().valueToTree(decided(later, List.of()));
        ReferralDecided ofVersionTwo = EventJson.mapper().convertValue(json.put("version", 2), ReferralDecided.class);
        assertEquals(
                Optional.empty(),
                TriagePolicy.redecide(later, List.of(earlier(first), earlier(second)), ofVersionTwo, DEFAULTS, NOW));
    }

    /**
     * In every order of arrival, deciding each referral with those known before it and then re-deciding the later
     * ones ends with the decisions of the recorded order (revisions and decision times aside).
     */
    @Test
    void everyOrderOfArrivalEndsWithTheDecisionsOfTheRecordedOrder() {
        PolicyInput third = input(referralAt("E3", T.minus(Duration.ofDays(10))));
        List<PolicyInput> recordedOrder = List.of(first, second, third, later);
        Map<UUID, ReferralDecided> expected = simulate(recordedOrder);
        for (List<PolicyInput> order : permutations(recordedOrder)) {
            Map<UUID, ReferralDecided> actual = simulate(order);
            for (PolicyInput in : recordedOrder) {
                assertEquals(
                        expected.get(in.referralId()).withRevision(0),
                        actual.get(in.referralId()).withRevision(0),
                        in.sourceReference() + " in order "
                                + order.stream()
                                        .map(PolicyInput::sourceReference)
                                        .toList());
            }
        }
        assertTrue(TriagePolicy.detectsRepeat(expected.get(later.referralId())));
        assertTrue(TriagePolicy.detectsRepeat(expected.get(third.referralId())));
        assertFalse(TriagePolicy.detectsRepeat(expected.get(second.referralId())));
    }

    /** What triage does, one referral at a time: decide it, then re-decide the known later ones in its window. */
    private static Map<UUID, ReferralDecided> simulate(List<PolicyInput> arrival) {
        Map<UUID, ReferralDecided> decided = new HashMap<>();
        List<PolicyInput> known = new ArrayList<>();
        for (PolicyInput in : arrival) {
            decided.put(in.referralId(), decided(in, earlierThan(in, known)));
            known.add(in);
            for (PolicyInput other : known) {
                boolean laterInWindow = other.recordedAt().isAfter(in.recordedAt())
                        && other.recordedAt().isBefore(in.recordedAt().plus(DEFAULTS.repeatWindow()));
                if (laterInWindow) {
                    TriagePolicy.redecide(
                                    other, earlierThan(other, known), decided.get(other.referralId()), DEFAULTS, NOW)
                            .ifPresent(d -> decided.put(other.referralId(), d.decided()));
                }
            }
        }
        return decided;
    }

    private static List<EarlierReferral> earlierThan(PolicyInput in, List<PolicyInput> known) {
        return known.stream()
                .filter(k -> !k.referralId().equals(in.referralId()))
                .map(RedecisionTest::earlier)
                .toList();
    }

    private static List<List<PolicyInput>> permutations(List<PolicyInput> items) {
        if (items.isEmpty()) {
            return List.of(List.of());
        }
        List<List<PolicyInput>> all = new ArrayList<>();
        for (PolicyInput head : items) {
            List<PolicyInput> rest = new ArrayList<>(items);
            rest.remove(head);
            for (List<PolicyInput> tail : permutations(rest)) {
                List<PolicyInput> order = new ArrayList<>();
                order.add(head);
                order.addAll(tail);
                all.add(order);
            }
        }
        return all;
    }
}
