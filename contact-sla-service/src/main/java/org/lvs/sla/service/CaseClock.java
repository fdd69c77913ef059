package org.lvs.sla.service;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.lvs.contract.event.EventTypes;
import org.lvs.sla.domain.ClockEvent;
import org.lvs.sla.domain.ClockHistory;
import org.lvs.sla.domain.ClockInput;
import org.lvs.sla.domain.ContactClock;
import org.lvs.sla.domain.WorkingTime;
import org.lvs.sla.persistence.CaseEntity;

/**
 * The contact clock of one case during one change: the change records what happened to the clock at its own time,
 * then {@link #settle} folds the clock's history ({@link ClockHistory}), stores the result on the case and returns the
 * events to publish.
 */
final class CaseClock {

    private final CaseEntity c;
    private final WorkingTime time;
    private final ClockHistory history;

    private CaseClock(CaseEntity c, WorkingTime time, ClockHistory history) {
        this.c = c;
        this.time = time;
        this.history = history;
    }

    static CaseClock of(CaseEntity c, WorkingTime time) {
        ClockHistory.State state = c.clockHistory();
        return new CaseClock(
                c,
                time,
                state != null
                        ? ClockHistory.restore(state)
                        : ClockHistory.from(c.clock(time).snapshot()));
    }

    static CaseClock start(CaseEntity c, WorkingTime time, Instant at, int targetHours, boolean paused) {
        return new CaseClock(c, time, ClockHistory.started(at, targetHours, paused));
    }

    void pause(Instant at) {
        history.add(ClockInput.Kind.PAUSE, at, null);
    }

    void resume(Instant at) {
        history.add(ClockInput.Kind.RESUME, at, null);
    }

    void changeTarget(int hours, Instant at) {
        history.add(ClockInput.Kind.TARGET, at, hours);
    }

    void contactMade(Instant at) {
        history.add(ClockInput.Kind.CONTACT, at, null);
    }

    void cancel(Instant at) {
        history.add(ClockInput.Kind.CANCEL, at, null);
    }

    /** The clock was looked at {@code at}: what it reached by then is flagged. */
    void judge(Instant at) {
        history.judge(at);
    }

    /** The clock as the inputs recorded so far make it. */
    ContactClock current() {
        return history.current(time);
    }

    /** Events to publish around a change at {@code at}: what the clock reached before it, and what followed. */
    record Settled(List<ClockEvent> before, List<ClockEvent> after) {
        List<ClockEvent> all() {
            List<ClockEvent> all = new ArrayList<>(before);
            all.addAll(after);
            return all;
        }
    }

    /**
     * Folds the history, stores the clock on the case and returns the events not published yet. When the clock has
     * passed a point the detector must flag (a replayed case), the detector waits {@code replaySettle} after the
     * latest change, so the rest of a replayed history can arrive first and is judged at its own times.
     */
    Settled settle(Instant actionAt, Instant now, Duration replaySettle) {
        ClockHistory.Folded folded = history.settle(time);
        Instant next = folded.clock().nextCheckAt();
        if (next != null && !next.isAfter(now)) {
            next = now.plus(replaySettle);
        }
        c.store(folded.clock(), history.state(), next);
        List<ClockEvent> before = new ArrayList<>();
        List<ClockEvent> after = new ArrayList<>();
        for (ClockEvent e : folded.events()) {
            boolean reachedBefore =
                    (e.type().equals(EventTypes.SLA_AT_RISK) || e.type().equals(EventTypes.SLA_BREACHED))
                            && actionAt != null
                            && !e.at().isAfter(actionAt);
            (reachedBefore ? before : after).add(e);
        }
        return new Settled(before, after);
    }
}
