package org.lvs.metrics.domain;

import java.time.Duration;
import java.time.Instant;

/**
 * A case's clock facts as the figures need them: when its clock started, the paused time, the first contact made
 * (if any) and its current clock state.
 */
public record CaseTiming(
        String strand, String clockState, Instant startedAt, long pausedSeconds, Instant firstContactAt) {

    public boolean contacted() {
        return firstContactAt != null;
    }

    public boolean cancelled() {
        return "CANCELLED".equals(clockState);
    }

    public boolean breached() {
        return "BREACHED".equals(clockState);
    }

    /** Seconds from start to first contact made, paused time excluded; null when not contacted. */
    public Long secondsToFirstContact() {
        if (firstContactAt == null || startedAt == null) {
            return null;
        }
        return Duration.between(startedAt, firstContactAt).getSeconds() - pausedSeconds;
    }

    public Double hoursToFirstContact() {
        Long seconds = secondsToFirstContact();
        return seconds == null ? null : seconds / 3600.0;
    }

    public boolean contactedWithin(int hours) {
        Long seconds = secondsToFirstContact();
        return seconds != null && seconds <= hours * 3600L;
    }

    /** Not contacted and more than {@code hours} of unpaused time since the start, as of {@code now}. */
    public boolean uncontactedFor(int hours, Instant now) {
        return !contacted()
                && startedAt != null
                && Duration.between(startedAt, now).getSeconds() - pausedSeconds > hours * 3600L;
    }

    /** Decided for the 48-hour figure: contact made or the clock breached, and not cancelled. */
    public boolean decidedFor48h() {
        return !cancelled() && (contacted() || breached());
    }

    /** Decided for the 72-hour figure: contact made, or uncontacted for more than 72 hours, and not cancelled. */
    public boolean decidedFor72h(Instant now) {
        return !cancelled() && (contacted() || uncontactedFor(72, now));
    }
}
