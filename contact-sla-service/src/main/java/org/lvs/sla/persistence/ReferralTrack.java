package org.lvs.sla.persistence;

import java.util.UUID;

/**
 * The newest versions seen of a referral on each topic, so a late older version never overrides a newer one. Read
 * locked and written back by {@link ReferralTracks} in one statement a batch; only a tracker that moved is written.
 * Its callers move it only forward (a newer version seen, or erased), so each change is a move.
 */
public final class ReferralTrack {

    private final UUID referralId;
    private boolean moved;

    private int decisionVersion;
    /** The revision of that version's decision (a re-decision supersedes the first like an amendment). */
    private int decisionRevision;

    private int receivedVersion;
    /** Personal data was erased (consent withdrawn or an admin's erasure): never store it again. */
    private boolean erased;

    ReferralTrack(UUID referralId, int decisionVersion, int decisionRevision, int receivedVersion, boolean erased) {
        this.referralId = referralId;
        this.decisionVersion = decisionVersion;
        this.decisionRevision = decisionRevision;
        this.receivedVersion = receivedVersion;
        this.erased = erased;
    }

    public UUID referralId() {
        return referralId;
    }

    public int decisionVersion() {
        return decisionVersion;
    }

    public int decisionRevision() {
        return decisionRevision;
    }

    public int receivedVersion() {
        return receivedVersion;
    }

    public boolean erased() {
        return erased;
    }

    public void decisionSeen(int version, int revision) {
        decisionVersion = version;
        decisionRevision = revision;
        moved = true;
    }

    public void receivedSeen(int version) {
        receivedVersion = version;
        moved = true;
    }

    public void markErased() {
        moved |= !erased;
        erased = true;
    }

    /** True when something changed since it was read. */
    boolean moved() {
        return moved;
    }
}
