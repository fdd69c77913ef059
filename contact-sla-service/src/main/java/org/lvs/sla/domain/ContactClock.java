package org.lvs.sla.domain;

import static org.lvs.contract.event.EventTypes.SLA_AT_RISK;
import static org.lvs.contract.event.EventTypes.SLA_BREACHED;
import static org.lvs.contract.event.EventTypes.SLA_CANCELLED;
import static org.lvs.contract.event.EventTypes.SLA_MET;
import static org.lvs.contract.event.EventTypes.SLA_MET_LATE;
import static org.lvs.contract.event.EventTypes.SLA_PAUSED;
import static org.lvs.contract.event.EventTypes.SLA_RESUMED;
import static org.lvs.contract.event.EventTypes.SLA_STARTED;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.lvs.contract.casework.ClockState;

/**
 * The contact clock of one case (sla-policy.md): the time until the victim is first contacted.
 *
 * <p>Pure: it never reads the time itself; every operation takes the instant it happens at and returns the state
 * changes to publish, in order. Each operation first catches up with what happened before its own instant
 * ({@link #evaluate(Instant)}), so a late pause cannot hide a breach that already happened, and a replayed contact
 * is judged on its own {@code at}.
 *
 * <p>Rules: due = start + target + paused (counted in {@link WorkingTime}); AT_RISK at 75% of the target used;
 * BREACHED when now &gt; due; RUNNING → AT_RISK → BREACHED only forward, skipped states emitted in order; once breached
 * due no longer moves; a contact with at ≤ due is MET (also after a breach was flagged), else MET_LATE.
 */
public final class ContactClock {

    /** The share of the target after which an uncontacted case is at risk (36 h of 48 h). */
    public static final double AT_RISK_SHARE = 0.75;

    private final WorkingTime time;
    private Instant startedAt;
    private int targetHours;
    private long pausedSeconds;
    private Instant pausedSince;
    private Instant dueAt;
    private Instant atRiskAt;
    private ClockState state;
    private boolean atRiskFlagged;
    private boolean breachFlagged;
    private Instant firstContactAt;

    private ContactClock(WorkingTime time) {
        this.time = Objects.requireNonNull(time);
    }

    /** A new clock that starts at {@code startedAt}; paused from the start when the case opens in a pausing status. */
    public static Started start(WorkingTime time, Instant startedAt, int targetHours, boolean paused) {
        ContactClock clock = new ContactClock(time);
        clock.startedAt = Objects.requireNonNull(startedAt);
        clock.targetHours = requirePositive(targetHours);
        clock.state = ClockState.RUNNING;
        clock.recompute();
        List<ClockEvent> events = new ArrayList<>();
        events.add(clock.mark(SLA_STARTED, startedAt));
        if (paused) {
            events.addAll(clock.pause(startedAt));
        }
        return new Started(clock, events);
    }

    /** The result of {@link #start}: the clock and its first events. */
    public record Started(ContactClock clock, List<ClockEvent> events) {}

    /** Rebuilds a clock from its stored state. */
    public static ContactClock restore(WorkingTime time, Snapshot s) {
        ContactClock clock = new ContactClock(time);
        clock.startedAt = s.startedAt();
        clock.targetHours = s.targetHours();
        clock.pausedSeconds = s.pausedSeconds();
        clock.pausedSince = s.pausedSince();
        clock.dueAt = s.dueAt();
        clock.atRiskAt = s.atRiskAt();
        clock.state = s.state();
        clock.atRiskFlagged = s.atRiskFlagged();
        clock.breachFlagged = s.breachFlagged();
        clock.firstContactAt = s.firstContactAt();
        return clock;
    }

    /** Everything the clock stores; what persistence keeps. */
    public record Snapshot(
            Instant startedAt,
            int targetHours,
            long pausedSeconds,
            Instant pausedSince,
            Instant dueAt,
            Instant atRiskAt,
            ClockState state,
            boolean atRiskFlagged,
            boolean breachFlagged,
            Instant firstContactAt) {}

    public Snapshot snapshot() {
        return new Snapshot(
                startedAt,
                targetHours,
                pausedSeconds,
                pausedSince,
                dueAt,
                atRiskAt,
                state,
                atRiskFlagged,
                breachFlagged,
                firstContactAt);
    }

    /** Flags what has happened by {@code now}: the at-risk point, then the breach. */
    public List<ClockEvent> evaluate(Instant now) {
        List<ClockEvent> events = new ArrayList<>();
        if (state != ClockState.RUNNING && state != ClockState.AT_RISK) {
            return events;
        }
        if (!atRiskFlagged && !now.isBefore(atRiskAt)) {
            atRiskFlagged = true;
            state = ClockState.AT_RISK;
            events.add(mark(SLA_AT_RISK, atRiskAt));
        }
        if (!breachFlagged && now.isAfter(dueAt)) {
            breachFlagged = true;
            state = ClockState.BREACHED;
            events.add(mark(SLA_BREACHED, dueAt));
        }
        return events;
    }

    /** The case entered a pausing status. Ignored once breached (due no longer moves) or stopped. */
    public List<ClockEvent> pause(Instant at) {
        List<ClockEvent> events = evaluate(at);
        if (isStopped() || isPaused() || breachFlagged) {
            return events;
        }
        pausedSince = at;
        state = ClockState.PAUSED;
        events.add(mark(SLA_PAUSED, at));
        return events;
    }

    /** The case left its pausing status: the paused time extends due. */
    public List<ClockEvent> resume(Instant at) {
        if (!isPaused()) {
            return evaluate(at);
        }
        Instant resumedAt = at.isBefore(pausedSince) ? pausedSince : at;
        closePause(resumedAt);
        recompute();
        state = atRiskFlagged ? ClockState.AT_RISK : ClockState.RUNNING;
        List<ClockEvent> events = new ArrayList<>();
        events.add(mark(SLA_RESUMED, resumedAt));
        events.addAll(evaluate(resumedAt));
        return events;
    }

    /**
     * A later decision changed the target: due is recomputed from the same start, unless the clock already breached
     * or stopped. The caller evaluates at its "now" afterwards, so a target shortened past now breaches at once.
     */
    public List<ClockEvent> changeTarget(int newTargetHours, Instant at) {
        List<ClockEvent> events = evaluate(at);
        if (isStopped() || breachFlagged) {
            return events;
        }
        targetHours = requirePositive(newTargetHours);
        recompute();
        return events;
    }

    /**
     * A contact that counts as contact made. The first one (by {@code at}) stops the clock and is judged on its own
     * time; an earlier contact replayed later can still turn MET_LATE into MET.
     */
    public List<ClockEvent> contactMade(Instant at) {
        if (state == ClockState.CANCELLED) {
            return List.of();
        }
        if (firstContactAt != null) {
            if (!at.isBefore(firstContactAt)) {
                return List.of();
            }
            firstContactAt = at;
            if (state == ClockState.MET_LATE && !at.isAfter(dueAt)) {
                state = ClockState.MET;
                return List.of(mark(SLA_MET, at));
            }
            return List.of();
        }
        List<ClockEvent> events = evaluate(at);
        if (isPaused()) {
            // contact while paused (a pausing status other than SCREENING): the pause up to the contact counts
            closePause(at.isBefore(pausedSince) ? pausedSince : at);
            recompute();
        }
        firstContactAt = at;
        boolean met = !at.isAfter(dueAt);
        state = met ? ClockState.MET : ClockState.MET_LATE;
        events.add(mark(met ? SLA_MET : SLA_MET_LATE, at));
        return events;
    }

    /** Closed as CONSENT_WITHDRAWN or DUPLICATE: an uncontacted clock is cancelled, also after a breach. */
    public List<ClockEvent> cancel(Instant at) {
        if (isStopped()) {
            return List.of();
        }
        if (isPaused()) {
            closePause(at.isBefore(pausedSince) ? pausedSince : at);
        }
        state = ClockState.CANCELLED;
        return List.of(mark(SLA_CANCELLED, at));
    }

    /** Time paused so far, the current pause up to {@code now} included (counted time). */
    public long pausedSecondsAt(Instant now) {
        return isPaused() ? pausedSeconds + time.between(pausedSince, now).getSeconds() : pausedSeconds;
    }

    /** Due as it stands at {@code now}: while paused, the current pause pushes it out. */
    public Instant dueAtAsOf(Instant now) {
        if (!isPaused() || breachFlagged) {
            return dueAt;
        }
        return time.plus(startedAt, Duration.ofHours(targetHours).plusSeconds(pausedSecondsAt(now)));
    }

    /** When the detector must look at this clock next: the at-risk point, then due; null when nothing can change. */
    public Instant nextCheckAt() {
        return switch (state) {
            case RUNNING -> atRiskAt;
            case AT_RISK -> dueAt;
            default -> null;
        };
    }

    public boolean isPaused() {
        return state == ClockState.PAUSED;
    }

    /** Met, met late or cancelled: nothing more can happen to it except an earlier contact turning late into met. */
    public boolean isStopped() {
        return state == ClockState.MET || state == ClockState.MET_LATE || state == ClockState.CANCELLED;
    }

    /** The event of a change just made, with the clock's state after it. */
    private ClockEvent mark(String type, Instant at) {
        return new ClockEvent(type, at, state, dueAt, targetHours, pausedSeconds, firstContactAt);
    }

    private void closePause(Instant until) {
        pausedSeconds += time.between(pausedSince, until).getSeconds();
        pausedSince = null;
    }

    private void recompute() {
        if (breachFlagged) {
            return;
        }
        Duration paused = Duration.ofSeconds(pausedSeconds);
        Duration target = Duration.ofHours(targetHours);
        dueAt = time.plus(startedAt, target.plus(paused));
        atRiskAt = time.plus(
                startedAt,
                Duration.ofSeconds((long) (target.getSeconds() * AT_RISK_SHARE)).plus(paused));
    }

    private static int requirePositive(int hours) {
        if (hours <= 0) {
            throw new IllegalArgumentException("a contact target must be positive");
        }
        return hours;
    }

    public Instant startedAt() {
        return startedAt;
    }

    public int targetHours() {
        return targetHours;
    }

    public long pausedSeconds() {
        return pausedSeconds;
    }

    public Instant dueAt() {
        return dueAt;
    }

    public Instant atRiskAt() {
        return atRiskAt;
    }

    public ClockState state() {
        return state;
    }

    public boolean breachFlagged() {
        return breachFlagged;
    }

    public Instant firstContactAt() {
        return firstContactAt;
    }
}
