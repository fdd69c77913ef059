package org.lvs.sla.domain;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A case's contact clock as the fold of what happened to it, each judged at its own time (sla-policy.md; interfaces.md,
 * historical replay: "the clock then runs from those times and judges each action by its {@code at}").
 *
 * <p>The clock is never advanced by the order in which the service learns of things: {@link #fold} replays the inputs
 * sorted by their {@code at}, flagging the at-risk point and the breach whenever an input's time has passed them,
 * and finally judges the clock at {@link #judgedUntil()}, the latest time the detector looked at it. So a replayed
 * history gives the clock live operation would have given, whatever the order of arrival: an amendment whose
 * {@code at} is before due still moves due, although the clock was flagged as breached in the meantime.
 *
 * <p>Events already published cannot be taken back: {@link #settle} publishes what the fold holds and was not
 * published yet (by type and time), and remembers it. Live, the fold only ever grows at its end, so nothing is
 * published that live operation would not publish.
 *
 * <p>A clock stored before histories were kept starts from its stored state ({@code base}).
 */
public final class ClockHistory {

    private final ContactClock.Snapshot base;
    private final List<ClockInput> inputs;
    private final List<String> published;
    private Instant judgedUntil;

    private ClockHistory(
            ContactClock.Snapshot base, List<ClockInput> inputs, List<String> published, Instant judgedUntil) {
        this.base = base;
        this.inputs = new ArrayList<>(inputs);
        this.published = new ArrayList<>(published);
        this.judgedUntil = judgedUntil;
    }

    /** A new clock that starts at {@code at}; paused from the start when the case opens in a pausing status. */
    public static ClockHistory started(Instant at, int targetHours, boolean paused) {
        ClockHistory history = new ClockHistory(null, List.of(), List.of(), null);
        history.add(paused ? ClockInput.Kind.START_PAUSED : ClockInput.Kind.START, at, targetHours);
        return history;
    }

    /** A clock stored without a history: it goes on from its stored state. */
    public static ClockHistory from(ContactClock.Snapshot stored) {
        return new ClockHistory(Objects.requireNonNull(stored), List.of(), List.of(), null);
    }

    /** What a history stores. */
    public record State(
            ContactClock.Snapshot base, List<ClockInput> inputs, List<String> published, Instant judgedUntil) {}

    public static ClockHistory restore(State s) {
        return new ClockHistory(
                s.base(),
                s.inputs() == null ? List.of() : s.inputs(),
                s.published() == null ? List.of() : s.published(),
                s.judgedUntil());
    }

    public State state() {
        return new State(base, List.copyOf(inputs), List.copyOf(published), judgedUntil);
    }

    public void add(ClockInput.Kind kind, Instant at, Integer targetHours) {
        inputs.add(new ClockInput(kind, Objects.requireNonNull(at), targetHours, inputs.size()));
    }

    /** The clock was looked at, at {@code at} (the detector's now, or an action that does not touch it). */
    public void judge(Instant at) {
        if (judgedUntil == null || at.isAfter(judgedUntil)) {
            judgedUntil = at;
        }
    }

    public Instant judgedUntil() {
        return judgedUntil;
    }

    /** The clock the inputs make, judged at each input's time and at {@link #judgedUntil()}. */
    public ContactClock current(WorkingTime time) {
        return fold(time).clock();
    }

    /** The fold's clock and every event it holds, in order. */
    public Folded fold(WorkingTime time) {
        List<ClockEvent> events = new ArrayList<>();
        ContactClock clock = null;
        if (base != null) {
            clock = ContactClock.restore(time, base);
        }
        List<ClockInput> sorted = new ArrayList<>(inputs);
        // the start first (nothing happens to a clock before it starts), then by time, then by arrival
        sorted.sort(Comparator.comparing((ClockInput i) -> !isStart(i))
                .thenComparing(ClockInput::at)
                .thenComparingLong(ClockInput::seq));
        for (ClockInput input : sorted) {
            if (isStart(input)) {
                if (clock == null) {
                    ContactClock.Started started = ContactClock.start(
                            time, input.at(), input.targetHours(), input.kind() == ClockInput.Kind.START_PAUSED);
                    clock = started.clock();
                    events.addAll(started.events());
                }
                continue;
            }
            if (clock == null) {
                throw new IllegalStateException("a clock input before the clock started");
            }
            events.addAll(
                    switch (input.kind()) {
                        case PAUSE -> clock.pause(input.at());
                        case RESUME -> clock.resume(input.at());
                        case TARGET -> clock.changeTarget(input.targetHours(), input.at());
                        case CONTACT -> clock.contactMade(input.at());
                        case CANCEL -> clock.cancel(input.at());
                        default -> List.<ClockEvent>of();
                    });
            // a target shortened past the input's time breaches at once
            events.addAll(clock.evaluate(input.at()));
        }
        if (clock == null) {
            throw new IllegalStateException("a clock without a start");
        }
        if (judgedUntil != null) {
            events.addAll(clock.evaluate(judgedUntil));
        }
        return new Folded(clock, events);
    }

    /** The result of a fold. */
    public record Folded(ContactClock clock, List<ClockEvent> events) {}

    /**
     * Folds, and returns the fold's events not published yet, in order; they count as published from now on. Each
     * carries the clock as it stood right after it; when a late input rewrote the history before events already
     * published, the last one returned carries the clock as it now stands, so a consumer that keeps the newest facts
     * of a case keeps the right ones.
     */
    public Folded settle(WorkingTime time) {
        Folded folded = fold(time);
        Map<String, Integer> already = new HashMap<>();
        published.forEach(key -> already.merge(key, 1, Integer::sum));
        List<ClockEvent> fresh = new ArrayList<>();
        int lastFresh = -1;
        List<ClockEvent> all = folded.events();
        for (int i = 0; i < all.size(); i++) {
            ClockEvent e = all.get(i);
            Integer n = already.get(e.key());
            if (n != null && n > 0) {
                already.put(e.key(), n - 1);
            } else {
                fresh.add(e);
                published.add(e.key());
                lastFresh = i;
            }
        }
        if (!fresh.isEmpty() && lastFresh < all.size() - 1) {
            ContactClock now = folded.clock();
            ClockEvent last = fresh.remove(fresh.size() - 1);
            fresh.add(new ClockEvent(
                    last.type(),
                    last.at(),
                    now.state(),
                    now.dueAt(),
                    now.targetHours(),
                    now.pausedSeconds(),
                    now.firstContactAt()));
        }
        return new Folded(folded.clock(), fresh);
    }

    private static boolean isStart(ClockInput input) {
        return input.kind() == ClockInput.Kind.START || input.kind() == ClockInput.Kind.START_PAUSED;
    }
}
