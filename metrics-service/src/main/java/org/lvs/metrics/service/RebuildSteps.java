package org.lvs.metrics.service;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import jakarta.transaction.Transactional.TxType;
import java.time.Instant;
import java.util.UUID;
import org.lvs.metrics.persistence.RebuildRuns;
import org.lvs.metrics.persistence.RebuildRuns.Run;

/**
 * The rebuild's steps, each a short transaction of its own (no step lasts as long as the rebuild): begin, record
 * progress, swap, abandon, and recovering a run whose process died.
 */
@ApplicationScoped
@Transactional(TxType.REQUIRES_NEW)
public class RebuildSteps {

    private final RebuildRuns runs;

    RebuildSteps(RebuildRuns runs) {
        this.runs = runs;
    }

    /**
     * Records the run and creates empty shadow tables, with the fact-tables lock exclusive: every applying
     * transaction that commits after this one writes the shadow tables too.
     */
    public void begin(UUID rebuildId, Instant now) {
        runs.lockExclusive();
        runs.insertRunning(rebuildId, now);
        runs.createShadowTables();
    }

    public void recordEndOffsets(UUID rebuildId, String endOffsets) {
        runs.recordEndOffsets(rebuildId, endOffsets);
    }

    /** False when the run no longer runs (abandoned, or found interrupted). */
    public boolean progress(UUID rebuildId, long read, long applied, long skipped, Instant now) {
        return runs.progress(rebuildId, read, applied, skipped, now);
    }

    public void analyzeShadowTables() {
        runs.analyzeShadowTables();
    }

    /**
     * Swaps the shadow tables in, with the fact-tables lock exclusive (between two applying transactions), and marks
     * the run DONE in the same transaction; false, swapping nothing, when the run no longer runs.
     */
    public boolean swap(UUID rebuildId, long read, long applied, long skipped, Instant now) {
        runs.lockExclusive();
        if (!runs.finish(rebuildId, read, applied, skipped, now)) {
            return false;
        }
        runs.swapShadowIn();
        return true;
    }

    /** Marks the run FAILED (if it still runs) and drops the shadow tables; the live tables never changed. */
    public void abandon(UUID rebuildId, String error, Instant now) {
        runs.lockExclusive();
        runs.fail(rebuildId, error, now);
        if (runs.running() == null) {
            runs.dropShadowTables();
        }
    }

    /**
     * A RUNNING run whose rebuild session lock nobody holds belongs to a process that stopped (killed, or lost its
     * database session): it is marked FAILED. Takes no table lock, so a status read never waits; the shadow tables
     * it left are dropped by the next start or service start.
     */
    public void recoverInterrupted(Instant now) {
        UUID running = runs.running();
        if (running != null && runs.noRebuildSession()) {
            runs.fail(running, "interrupted: the process running it stopped before it finished", now);
        }
    }

    /** Drops shadow tables an interrupted or abandoned rebuild left, unless a rebuild runs. */
    public void dropLeftoversIfIdle() {
        runs.lockExclusive();
        if (runs.running() == null) {
            runs.dropShadowTables();
        }
    }

    @Transactional(TxType.SUPPORTS)
    public Run latest() {
        return runs.latest();
    }
}
