package org.lvs.sla.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.lvs.contract.casework.ClockState;

/** The clock as the fold of its inputs, each judged at its own time, whatever the order they arrive in. */
class ClockHistoryTest {

    private static final Instant T0 = Instant.parse("2017-07-03T09:00:00Z");
    private static final WorkingTime TIME = WorkingTime.CLOCK_HOURS;

    private static Instant h(long hours) {
        return T0.plus(Duration.ofHours(hours));
    }

    private static List<String> keys(List<ClockEvent> events) {
        return events.stream().map(ClockEvent::key).toList();
    }

    @Test
    void anInputBeforeDueMovesDueAlthoughTheDetectorFlaggedTheBreachAtTheRealNow() {
        ClockHistory history = ClockHistory.started(T0, 48, false);
        List<ClockEvent> published = new ArrayList<>(history.settle(TIME).events());
        // the detector looks at the real now, long after: provisional at-risk and breach
        history.judge(h(10_000));
        published.addAll(history.settle(TIME).events());
        assertEquals(List.of("SLA_STARTED@" + T0, "SLA_AT_RISK@" + h(36), "SLA_BREACHED@" + h(48)), keys(published));
        // then the replayed amendment arrives: unsafe to contact from hour 20, screened at hour 30
        history.add(ClockInput.Kind.PAUSE, h(20), null);
        history.add(ClockInput.Kind.RESUME, h(30), null);
        ClockHistory.Folded settled = history.settle(TIME);
        assertEquals(h(58), settled.clock().dueAt(), "ten hours paused before due move due");
        assertEquals(ClockState.BREACHED, settled.clock().state());
        assertEquals(
                List.of("SLA_PAUSED@" + h(20), "SLA_RESUMED@" + h(30), "SLA_AT_RISK@" + h(46), "SLA_BREACHED@" + h(58)),
                keys(settled.events()),
                "what the fold adds to what was published");
    }

    @Test
    void theFoldDoesNotDependOnTheOrderOfArrival() {
        ClockHistory inOrder = ClockHistory.started(T0, 120, false);
        inOrder.add(ClockInput.Kind.TARGET, h(10), 48);
        inOrder.add(ClockInput.Kind.PAUSE, h(20), null);
        inOrder.add(ClockInput.Kind.RESUME, h(26), null);
        inOrder.add(ClockInput.Kind.CONTACT, h(50), null);
        ClockHistory shuffled = ClockHistory.started(T0, 120, false);
        shuffled.add(ClockInput.Kind.CONTACT, h(50), null);
        shuffled.add(ClockInput.Kind.RESUME, h(26), null);
        shuffled.add(ClockInput.Kind.TARGET, h(10), 48);
        shuffled.add(ClockInput.Kind.PAUSE, h(20), null);
        assertEquals(
                inOrder.fold(TIME).clock().snapshot(),
                shuffled.fold(TIME).clock().snapshot());
        assertEquals(ClockState.MET, inOrder.fold(TIME).clock().state(), "due 54 h with 6 h paused; met at 50");
        assertEquals(inOrder.fold(TIME).events(), shuffled.fold(TIME).events());
    }

    @Test
    void anInputAfterDueCannotMoveItAndAShortenedTargetBreachesAtOnce() {
        ClockHistory late = ClockHistory.started(T0, 48, false);
        late.add(ClockInput.Kind.PAUSE, h(50), null);
        assertEquals(
                List.of("SLA_STARTED", "SLA_AT_RISK", "SLA_BREACHED"),
                late.settle(TIME).events().stream().map(ClockEvent::type).toList(),
                "breached before the pause");
        ClockHistory shortened = ClockHistory.started(T0, 120, false);
        shortened.settle(TIME);
        shortened.add(ClockInput.Kind.TARGET, h(60), 48);
        List<ClockEvent> events = shortened.settle(TIME).events();
        assertEquals(List.of("SLA_AT_RISK@" + h(36), "SLA_BREACHED@" + h(48)), keys(events));
        assertEquals(ClockState.AT_RISK, events.get(0).state(), "each event carries the clock right after it");
        assertEquals(ClockState.BREACHED, events.get(1).state());
    }

    @Test
    void settlingAgainPublishesNothingTwiceAndTheStoredStateRestoresTheSameHistory() {
        ClockHistory history = ClockHistory.started(T0, 48, true);
        history.add(ClockInput.Kind.RESUME, h(5), null);
        history.judge(h(100));
        assertEquals(
                List.of("SLA_STARTED", "SLA_PAUSED", "SLA_RESUMED", "SLA_AT_RISK", "SLA_BREACHED"),
                history.settle(TIME).events().stream().map(ClockEvent::type).toList());
        ClockHistory restored = ClockHistory.restore(history.state());
        assertEquals(List.of(), restored.settle(TIME).events());
        restored.add(ClockInput.Kind.CONTACT, h(40), null);
        ClockHistory.Folded met = restored.settle(TIME);
        assertEquals(List.of("SLA_MET@" + h(40)), keys(met.events()), "a contact before due is met after all");
        assertEquals(ClockState.MET, met.events().get(0).state());
    }

    @Test
    void aLateInputThatRewritesTheMiddleLeavesTheNewestFactsOnTheLastEventPublished() {
        ClockHistory history = ClockHistory.started(T0, 48, false);
        history.add(ClockInput.Kind.CONTACT, h(50), null);
        history.settle(TIME); // STARTED, AT_RISK, BREACHED, MET_LATE
        history.add(ClockInput.Kind.TARGET, h(1), 120); // a re-decision from the start: 120 h
        ClockHistory.Folded folded = history.settle(TIME);
        assertEquals(ClockState.MET, folded.clock().state());
        ClockEvent last = folded.events().get(folded.events().size() - 1);
        assertEquals(ClockState.MET, last.state());
        assertEquals(h(120), last.dueAt());
    }

    @Test
    void aClockStoredWithoutHistoryGoesOnFromItsState() {
        ContactClock stored = ContactClock.start(TIME, T0, 48, false).clock();
        stored.evaluate(h(40));
        ClockHistory history = ClockHistory.from(stored.snapshot());
        history.add(ClockInput.Kind.CONTACT, h(45), null);
        assertEquals(List.of("SLA_MET@" + h(45)), keys(history.settle(TIME).events()));
    }
}
