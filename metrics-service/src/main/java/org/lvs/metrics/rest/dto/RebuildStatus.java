package org.lvs.metrics.rest.dto;

import java.time.Instant;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * A rebuild as the admin endpoint shows it.
 *
 * @param figures which figures serve while or after it ran
 */
@Schema(name = "Status")
public record RebuildStatus(
        UUID rebuildId,
        State state,
        Instant requestedAt,
        Instant progressAt,
        Instant finishedAt,
        long recordsRead,
        long eventsApplied,
        long recordsSkipped,
        String error,
        String figures) {

    /** IDLE before the first rebuild. */
    public enum State {
        IDLE,
        RUNNING,
        DONE,
        FAILED
    }
}
