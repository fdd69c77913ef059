package org.lvs.sla.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.lvs.contract.casework.ClockState;

class ContactClockTest {

    private static final Instant START = Instant.parse("2017-06-05T10:00:00Z");

    private static ContactClock running(int targetHours) {
        return ContactClock.start(WorkingTime.CLOCK_HOURS, START, targetHours, false)
                .clock();
    }

    private static List<String> types(List<ClockEvent> events) {
        return events.stream().map(ClockEvent::type).toList();
    }

    @Test
    void startComputesDueAndAtRiskPoint() {
        ContactClock.Started started = ContactClock.start(WorkingTime.CLOCK_HOURS, START, 48, false);
        assertEquals(List.of("SLA_STARTED"), types(started.events()));
        assertEquals(START.plus(Duration.ofHours(48)), started.clock().dueAt());
        assertEquals(START.plus(Duration.ofHours(36)), started.clock().atRiskAt());
        assertEquals(ClockState.RUNNING, started.clock().state());
    }

    @Test
    void atRiskAt75PercentThenBreachedStrictlyAfterDue() {
        ContactClock clock = running(48);
        assertTrue(
                clock.evaluate(START.plus(Duration.ofHours(36)).minusSeconds(1)).isEmpty());
        assertEquals(List.of("SLA_AT_RISK"), types(clock.evaluate(START.plus(Duration.ofHours(36)))));
        assertTrue(clock.evaluate(START.plus(Duration.ofHours(48))).isEmpty(), "due itself is not a breach");
        List<ClockEvent> breach =
                clock.evaluate(START.plus(Duration.ofHours(48)).plusSeconds(1));
        assertEquals(
                List.of("SLA_BREACHED@" + START.plus(Duration.ofHours(48))),
                breach.stream().map(ClockEvent::key).toList(),
                "flagged at its due time");
        assertEquals(ClockState.BREACHED, clock.state());
        assertTrue(clock.evaluate(START.plus(Duration.ofHours(100))).isEmpty(), "a breach is flagged once");
    }

    @Test
    void replayedCasePastDueEmitsSkippedStatesInOrder() {
        ContactClock clock = running(48);
        assertEquals(List.of("SLA_AT_RISK", "SLA_BREACHED"), types(clock.evaluate(START.plus(Duration.ofHours(60)))));
    }

    @Test
    void contactExactlyAtDueMeetsTheTarget() {
        ContactClock clock = running(48);
        Instant due = START.plus(Duration.ofHours(48));
        List<ClockEvent> events = clock.contactMade(due);
        assertEquals(List.of("SLA_AT_RISK", "SLA_MET"), types(events));
        assertEquals(ClockState.MET, clock.state());
        assertNull(clock.nextCheckAt());
    }

    @Test
    void contactOneSecondAfterDueIsMetLate() {
        ContactClock clock = running(48);
        List<ClockEvent> events =
                clock.contactMade(START.plus(Duration.ofHours(48)).plusSeconds(1));
        assertEquals(List.of("SLA_AT_RISK", "SLA_BREACHED", "SLA_MET_LATE"), types(events));
        assertEquals(ClockState.MET_LATE, clock.state());
    }

    @Test
    void replayedContactBeforeDueTurnsAFlaggedBreachIntoMet() {
        ContactClock clock = running(48);
        clock.evaluate(START.plus(Duration.ofHours(60)));
        assertEquals(ClockState.BREACHED, clock.state());
        assertEquals(List.of("SLA_MET"), types(clock.contactMade(START.plus(Duration.ofHours(47)))));
        assertEquals(ClockState.MET, clock.state());
    }

    @Test
    void pauseAndResumeAcrossTheDueTimeExtendsDue() {
        ContactClock clock = running(48);
        Instant pausedAt = START.plus(Duration.ofHours(40));
        assertEquals(List.of("SLA_AT_RISK", "SLA_PAUSED"), types(clock.pause(pausedAt)));
        // the old due time passes while paused: no breach
        assertTrue(clock.evaluate(START.plus(Duration.ofHours(50))).isEmpty());
        assertEquals(ClockState.PAUSED, clock.state());
        Instant resumedAt = START.plus(Duration.ofHours(52));
        assertEquals(List.of("SLA_RESUMED"), types(clock.resume(resumedAt)));
        assertEquals(12 * 3600, clock.pausedSeconds());
        assertEquals(START.plus(Duration.ofHours(60)), clock.dueAt());
        assertEquals(ClockState.AT_RISK, clock.state(), "forward only: at risk before the pause stays at risk");
        assertTrue(clock.evaluate(START.plus(Duration.ofHours(60))).isEmpty());
        assertEquals(List.of("SLA_BREACHED"), types(clock.evaluate(START.plus(Duration.ofHours(61)))));
    }

    @Test
    void pauseAfterDueCannotHideTheBreach() {
        ContactClock clock = running(48);
        List<ClockEvent> events = clock.pause(START.plus(Duration.ofHours(50)));
        assertEquals(List.of("SLA_AT_RISK", "SLA_BREACHED"), types(events));
        assertEquals(ClockState.BREACHED, clock.state());
        assertEquals(START.plus(Duration.ofHours(48)), clock.dueAt());
    }

    @Test
    void startedInScreeningIsPausedUntilResumed() {
        ContactClock.Started started = ContactClock.start(WorkingTime.CLOCK_HOURS, START, 48, true);
        assertEquals(List.of("SLA_STARTED", "SLA_PAUSED"), types(started.events()));
        ContactClock clock = started.clock();
        assertNull(clock.nextCheckAt());
        assertEquals(START.plus(Duration.ofHours(58)), clock.dueAtAsOf(START.plus(Duration.ofHours(10))));
        clock.resume(START.plus(Duration.ofHours(10)));
        assertEquals(START.plus(Duration.ofHours(58)), clock.dueAt());
        assertEquals(START.plus(Duration.ofHours(46)), clock.atRiskAt());
    }

    @Test
    void amendmentShorteningTheTargetPastNowBreachesAtOnce() {
        ContactClock clock = running(120);
        Instant now = START.plus(Duration.ofHours(50));
        assertTrue(clock.changeTarget(48, now).isEmpty());
        assertEquals(START.plus(Duration.ofHours(48)), clock.dueAt());
        assertEquals(List.of("SLA_AT_RISK", "SLA_BREACHED"), types(clock.evaluate(now)));
    }

    @Test
    void onceBreachedTargetChangesAndPausesNoLongerMoveDue() {
        ContactClock clock = running(48);
        clock.evaluate(START.plus(Duration.ofHours(49)));
        clock.changeTarget(120, START.plus(Duration.ofHours(50)));
        assertTrue(clock.pause(START.plus(Duration.ofHours(51))).isEmpty());
        assertEquals(START.plus(Duration.ofHours(48)), clock.dueAt());
        assertEquals(ClockState.BREACHED, clock.state());
    }

    @Test
    void cancelledBeforeContactAlsoAfterABreach() {
        ContactClock clock = running(48);
        clock.evaluate(START.plus(Duration.ofHours(49)));
        assertEquals(List.of("SLA_CANCELLED"), types(clock.cancel(START.plus(Duration.ofHours(50)))));
        assertEquals(ClockState.CANCELLED, clock.state());
        assertTrue(clock.contactMade(START.plus(Duration.ofHours(51))).isEmpty());
    }

    @Test
    void cancelAfterContactChangesNothing() {
        ContactClock clock = running(48);
        clock.contactMade(START.plus(Duration.ofHours(1)));
        assertTrue(clock.cancel(START.plus(Duration.ofHours(2))).isEmpty());
        assertEquals(ClockState.MET, clock.state());
    }

    @Test
    void earlierReplayedContactTurnsMetLateIntoMet() {
        ContactClock clock = running(48);
        clock.contactMade(START.plus(Duration.ofHours(50)));
        assertEquals(ClockState.MET_LATE, clock.state());
        assertEquals(List.of("SLA_MET"), types(clock.contactMade(START.plus(Duration.ofHours(2)))));
        assertEquals(START.plus(Duration.ofHours(2)), clock.firstContactAt());
    }

    @Test
    void snapshotRestoresTheSameClock() {
        ContactClock clock = running(48);
        clock.pause(START.plus(Duration.ofHours(1)));
        ContactClock copy = ContactClock.restore(WorkingTime.CLOCK_HOURS, clock.snapshot());
        assertEquals(clock.snapshot(), copy.snapshot());
        assertEquals(List.of("SLA_RESUMED"), types(copy.resume(START.plus(Duration.ofHours(3)))));
    }
}
